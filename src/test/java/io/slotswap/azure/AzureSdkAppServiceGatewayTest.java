package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.appservice.fluent.models.SiteInner;
import com.azure.resourcemanager.appservice.fluent.models.SlotDifferenceInner;

import io.slotswap.azure.AzureException.Kind;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AzureSdkAppServiceGatewayTest {

	private static final String EMULATOR = "http://localhost:8080/emulator/arm";

	static AzureProperties properties(int maxRetries, Duration maxRetryDelay) {
		return properties(maxRetries, maxRetryDelay, Duration.ofSeconds(5));
	}

	static AzureProperties properties(int maxRetries, Duration maxRetryDelay, Duration timeout) {
		return new AzureProperties(null, "00000000-0000-0000-0000-000000000000", maxRetries, Duration.ofMillis(50),
				maxRetryDelay, timeout, AzureProperties.Budget.AZURE);
	}

	@Test
	void a_probe_against_an_emulator_goes_to_its_slot_sites() {
		assertThat(AzureSdkAppServiceGateway.probeUri(EMULATOR, "dss-helloworldapp-prod.emulator.local", "/health"))
			.isEqualTo(URI.create("http://localhost:8080/emulator/sites/dss-helloworldapp-prod.emulator.local/health"));
		assertThat(AzureSdkAppServiceGateway.probeUri("http://localhost:9090/emulator/arm", "a-staging.emulator.local",
				"")).isEqualTo(URI.create("http://localhost:9090/emulator/sites/a-staging.emulator.local/"));
	}

	@Test
	void a_probe_against_azure_goes_to_the_host_name_over_https() {
		assertThat(AzureSdkAppServiceGateway.probeUri("https://management.azure.com", "app.azurewebsites.net", "/"))
			.isEqualTo(URI.create("https://app.azurewebsites.net/"));
		assertThat(AzureSdkAppServiceGateway.probeUri("https://management.azure.com", "app.azurewebsites.net",
				"status?x=1")).isEqualTo(URI.create("https://app.azurewebsites.net/status?x=1"));
	}

	@Test
	void a_probe_refuses_something_that_is_not_a_host_name() {
		assertThatThrownBy(() -> AzureSdkAppServiceGateway.probeUri(EMULATOR, "evil.com/../x", "/"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AzureSdkAppServiceGateway.probeUri(EMULATOR, "user@evil.com", "/"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void the_gateway_probe_uri_uses_the_configured_endpoint() {
		var gateway = new AzureSdkAppServiceGateway(
				AzureClients.forEndpoint(properties(0, Duration.ofSeconds(1)), EMULATOR + "/"));
		assertThat(gateway.probeUri("x.emulator.local", "/"))
			.isEqualTo(URI.create("http://localhost:8080/emulator/sites/x.emulator.local/"));
	}

	@Test
	void a_poll_url_elsewhere_than_resource_manager_is_refused() {
		var gateway = new AzureSdkAppServiceGateway(
				AzureClients.forEndpoint(properties(0, Duration.ofSeconds(1)), EMULATOR));
		for (String url : new String[] { "http://evil.example/emulator/arm/op", "https://localhost:8080/op",
				"http://localhost:9999/op", "/emulator/arm/op", "" }) {
			assertThatThrownBy(() -> gateway.pollSwap(url)).isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.REFUSED);
				assertThat(e.code()).isEqualTo("InvalidPollUrl");
			});
		}
	}

	@Test
	void a_difference_keeps_no_values_only_which_side_has_one() throws IOException {
		assertThat(AzureSdkAppServiceGateway.toDifference(diff("\"valueInCurrentSlot\":\"s3cret\"")))
			.isEqualTo(new SlotDifference("AppSetting", "DB", "SettingsWillBeModifiedInSource", "OnlyInSource"));
		assertThat(AzureSdkAppServiceGateway.toDifference(diff("\"valueInTargetSlot\":\"s3cret\"")).change())
			.isEqualTo("OnlyInTarget");
		assertThat(AzureSdkAppServiceGateway
			.toDifference(diff("\"valueInCurrentSlot\":\"a\",\"valueInTargetSlot\":\"b\"")).change())
			.isEqualTo("Differs");
		assertThat(AzureSdkAppServiceGateway.toDifference(diff("\"valueInCurrentSlot\":\"s3cret\"")).toString())
			.doesNotContain("s3cret");
	}

	@Test
	void every_slot_carries_its_own_slot_swap_status() throws IOException {
		String json = "{\"id\":\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app/slots/staging\","
				+ "\"name\":\"app/staging\",\"type\":\"Microsoft.Web/sites/slots\",\"location\":\"West Europe\","
				+ "\"properties\":{\"state\":\"Running\",\"slotSwapStatus\":{\"timestampUtc\":\"2026-11-20T09:14:03.512Z\","
				+ "\"sourceSlotName\":\"staging\",\"destinationSlotName\":\"production\"}}}";
		try (JsonReader reader = JsonProviders.createReader(json)) {
			assertThat(AzureSdkAppServiceGateway.lastSwap(SiteInner.fromJson(reader))).isEqualTo(
					new SlotSwapStatus(Instant.parse("2026-11-20T09:14:03.512Z"), "staging", "production"));
		}
		try (JsonReader reader = JsonProviders.createReader("{\"name\":\"app/qa\",\"location\":\"x\",\"properties\":{}}")) {
			assertThat(AzureSdkAppServiceGateway.lastSwap(SiteInner.fromJson(reader))).isNull();
		}
	}

	@Test
	void the_resource_group_is_read_from_the_id_when_properties_lack_it() {
		assertThat(AzureSdkAppServiceGateway.resourceGroupFromId(
				"/subscriptions/s/resourceGroups/RG-Demo/providers/Microsoft.Web/sites/a", "rg-demo"))
			.isEqualTo("RG-Demo");
		assertThat(AzureSdkAppServiceGateway.resourceGroupFromId(null, "rg")).isEqualTo("rg");
	}

	private static SlotDifferenceInner diff(String values) throws IOException {
		String json = "{\"properties\":{\"level\":\"Information\",\"settingType\":\"AppSetting\","
				+ "\"diffRule\":\"SettingsWillBeModifiedInSource\",\"settingName\":\"DB\"," + values + "}}";
		try (JsonReader reader = JsonProviders.createReader(json)) {
			return SlotDifferenceInner.fromJson(reader);
		}
	}

	static Map<String, String> noHeaders() {
		return Map.of();
	}
}
