package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.appservice.fluent.models.SlotDifferenceInner;

import io.slotswap.azure.AzureException.Kind;
import io.slotswap.azure.SwapProgress.Status;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AzureSdkAppServiceGatewayTest {

	private static final String EMULATOR = "http://localhost:8080/emulator/arm";

	static AzureProperties properties(int maxRetries, Duration maxRetryDelay) {
		return properties(maxRetries, maxRetryDelay, Duration.ofSeconds(5));
	}

	static AzureProperties properties(int maxRetries, Duration maxRetryDelay, Duration timeout) {
		return new AzureProperties(null, "00000000-0000-0000-0000-000000000000", maxRetries, Duration.ofMillis(50),
				maxRetryDelay, timeout);
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
	void a_202_is_running_with_the_new_location_and_its_retry_after() {
		HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.LOCATION, "http://localhost:8080/emulator/arm/op/2")
			.set(HttpHeaderName.RETRY_AFTER, "1");
		SwapProgress progress = AzureSdkAppServiceGateway.pollProgress(202, headers, null,
				"http://localhost:8080/emulator/arm/op/1");
		assertThat(progress.status()).isEqualTo(Status.RUNNING);
		assertThat(progress.pollUrl()).isEqualTo("http://localhost:8080/emulator/arm/op/2");
		assertThat(progress.retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void a_202_without_headers_keeps_polling_the_same_url_after_the_default_delay() {
		SwapProgress progress = AzureSdkAppServiceGateway.pollProgress(202, new HttpHeaders(), null, "http://h/op/1");
		assertThat(progress.pollUrl()).isEqualTo("http://h/op/1");
		assertThat(progress.retryAfter()).isEqualTo(AzureSdkAppServiceGateway.DEFAULT_POLL_DELAY);
	}

	@Test
	void a_200_201_or_204_means_the_swap_succeeded() {
		for (int status : new int[] { 200, 201, 204 }) {
			assertThat(AzureSdkAppServiceGateway.pollProgress(status, new HttpHeaders(), new byte[0], "http://h/op")
				.status()).isEqualTo(Status.SUCCEEDED);
		}
	}

	@Test
	void an_async_operation_body_is_read_by_its_status() {
		assertThat(AzureSdkAppServiceGateway.pollProgress(200, new HttpHeaders(),
				bytes("{\"status\":\"InProgress\"}"), "http://h/op").status()).isEqualTo(Status.RUNNING);
		SwapProgress failed = AzureSdkAppServiceGateway.pollProgress(200, new HttpHeaders(),
				bytes("{\"status\":\"Failed\",\"error\":{\"code\":\"ExpectationFailed\",\"message\":\"no ping\"}}"),
				"http://h/op");
		assertThat(failed.status()).isEqualTo(Status.FAILED);
		assertThat(failed.errorCode()).isEqualTo("ExpectationFailed");
	}

	@Test
	void another_status_is_a_failed_swap_with_azures_error() {
		SwapProgress progress = AzureSdkAppServiceGateway.pollProgress(400, new HttpHeaders(), bytes(
				"{\"error\":{\"code\":\"BadRequest\",\"message\":\"allocation of VM instances changed during the swap\"}}"),
				"http://h/op");
		assertThat(progress.status()).isEqualTo(Status.FAILED);
		assertThat(progress.errorCode()).isEqualTo("BadRequest");
		assertThat(progress.errorMessage()).contains("allocation of VM instances");
	}

	@Test
	void a_failure_without_an_arm_error_gets_a_generic_code() {
		SwapProgress progress = AzureSdkAppServiceGateway.pollProgress(417, new HttpHeaders(), bytes("nope"),
				"http://h/op");
		assertThat(progress.errorCode()).isEqualTo("AzureSwapFailed");
		assertThat(progress.errorMessage()).contains("417");
	}

	@Test
	void throttling_or_a_5xx_while_polling_is_thrown_as_transient() {
		assertThatThrownBy(() -> AzureSdkAppServiceGateway.pollProgress(429,
				new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "30"), null, "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
				assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			});
		assertThatThrownBy(() -> AzureSdkAppServiceGateway.pollProgress(502, new HttpHeaders(), null, "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
	}

	@Test
	void the_initial_202_gives_the_location_to_poll_resolved_against_the_request() {
		HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.LOCATION, "/emulator/arm/operations/42");
		SwapProgress progress = AzureSdkAppServiceGateway.initialProgress(new AzureSdkAppServiceGateway.InitialAnswer(
				202, headers, "http://localhost:8080/emulator/arm/subscriptions/s/slotsswap?api-version=x"));
		assertThat(progress.status()).isEqualTo(Status.RUNNING);
		assertThat(progress.pollUrl()).isEqualTo("http://localhost:8080/emulator/arm/operations/42");
	}

	@Test
	void the_initial_202_without_a_polling_url_is_an_error() {
		assertThatThrownBy(() -> AzureSdkAppServiceGateway
			.initialProgress(new AzureSdkAppServiceGateway.InitialAnswer(202, new HttpHeaders(), null)))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.code()).isEqualTo("MissingPollingUrl"));
	}

	@Test
	void an_initial_200_means_the_swap_is_already_done() {
		assertThat(AzureSdkAppServiceGateway
			.initialProgress(new AzureSdkAppServiceGateway.InitialAnswer(200, new HttpHeaders(), null))
			.status()).isEqualTo(Status.SUCCEEDED);
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

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static Map<String, String> noHeaders() {
		return Map.of();
	}
}
