package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.slotswap.azure.AzureException.Kind;
import io.slotswap.azure.SwapProgress.Status;

/**
 * The gateway contract against the built-in emulator of this very process (profile {@code local}):
 * the real SDK, the real HTTP, only the endpoint and the credential differ from Azure.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AppServiceGatewayIT {

	private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

	private static final SiteRef DEMO = new SiteRef(SUBSCRIPTION, "rg-dss-demo", "dss-helloworldapp-prod");

	private static final String PROD_HOST = "dss-helloworldapp-prod.emulator.local";

	private static final String STAGING_HOST = "dss-helloworldapp-prod-staging.emulator.local";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	AppServiceGateway gateway;

	@LocalServerPort
	int port;

	/** Until the emulator has been merged into this branch there is nothing to test against. */
	@BeforeEach
	void emulatorPresent() {
		boolean present;
		try {
			Class.forName("io.slotswap.emulator.ArmController");
			present = true;
		}
		catch (ClassNotFoundException e) {
			present = false;
		}
		Assumptions.assumeTrue(present, "the emulator (io.slotswap.emulator) is not on this branch yet");
	}

	@Test
	void production_is_the_site_itself_as_azure_spells_it() {
		SlotInfo production = gateway.slot(DEMO, "production");
		assertThat(production.name()).isEqualTo("production");
		assertThat(production.siteName()).isEqualTo("dss-helloworldapp-prod");
		assertThat(production.resourceGroup()).isEqualTo("rg-dss-demo");
		assertThat(production.hostName()).isEqualTo(PROD_HOST);
		assertThat(production.state()).isEqualTo("Running");
		assertThat(production.isProduction()).isTrue();
	}

	@Test
	void a_slot_is_found_with_its_own_host_name() {
		SlotInfo staging = gateway.slot(DEMO, "staging");
		assertThat(staging.name()).isEqualTo("staging");
		assertThat(staging.siteName()).isEqualTo("dss-helloworldapp-prod");
		assertThat(staging.resourceGroup()).isEqualTo("rg-dss-demo");
		assertThat(staging.hostName()).isEqualTo(STAGING_HOST);
		// Its own slotSwapStatus: null until a swap of this site involved staging (another test may swap it).
		if (staging.lastSwap() != null) {
			assertThat(List.of(staging.lastSwap().sourceSlotName(), staging.lastSwap().destinationSlotName()))
				.anyMatch("staging"::equalsIgnoreCase);
		}
	}

	@Test
	void lookups_ignore_case_and_answer_with_azures_spelling() {
		SlotInfo staging = gateway.slot(new SiteRef(SUBSCRIPTION, "RG-DSS-Demo", "DSS-HelloWorldApp-Prod"), "STAGING");
		assertThat(staging.name()).isEqualTo("staging");
		assertThat(staging.siteName()).isEqualTo("dss-helloworldapp-prod");
		assertThat(staging.resourceGroup()).isEqualTo("rg-dss-demo");
		assertThat(staging.hostName()).isEqualTo(STAGING_HOST);
	}

	@Test
	void every_slot_is_listed_production_first() {
		List<SlotInfo> slots = gateway.slots(DEMO);
		assertThat(slots).extracting(SlotInfo::name).containsExactly("production", "staging");
		assertThat(slots).extracting(SlotInfo::hostName).containsExactly(PROD_HOST, STAGING_HOST);
	}

	@Test
	void an_unknown_site_or_slot_is_not_found() {
		assertThatThrownBy(() -> gateway.slot(new SiteRef(SUBSCRIPTION, "rg-dss-demo", "no-such-site"), "production"))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
				assertThat(e.code()).isNotBlank();
			});
		assertThatThrownBy(() -> gateway.slot(DEMO, "no-such-slot"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
		assertThatThrownBy(() -> gateway.slots(new SiteRef(SUBSCRIPTION, "rg-nowhere", "dss-helloworldapp-prod")))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
	}

	@Test
	void settings_and_sticky_names_are_read() {
		Map<String, String> settings = gateway.appSettings(DEMO, "staging");
		assertThat(settings).containsEntry("ENVIRONMENT", "staging");
		StickyNames sticky = gateway.stickyNames(DEMO);
		assertThat(sticky.appSettingNames()).contains("ENVIRONMENT");
		assertThat(sticky.connectionStringNames()).contains("Database");
	}

	@Test
	void differences_name_the_settings_but_carry_no_values() {
		Map<String, String> staging = gateway.appSettings(DEMO, "staging");
		Map<String, String> production = gateway.appSettings(DEMO, "production");
		List<SlotDifference> differences = gateway.differences(DEMO, "staging", "production");
		assertThat(differences).isNotEmpty();
		assertThat(differences).allSatisfy(d -> {
			assertThat(d.name()).isNotBlank();
			assertThat(d.change()).isIn("Differs", "OnlyInSource", "OnlyInTarget");
		});
		String printed = differences.toString();
		for (Map<String, String> values : List.of(staging, production)) {
			values.forEach((name, value) -> {
				if (value.length() > 5) {
					assertThat(printed).doesNotContain(value);
				}
			});
		}
	}

	@Test
	void a_swap_runs_until_azure_says_it_succeeded_and_production_then_serves_the_new_build() throws Exception {
		faults(1500);
		assertThat(build(PROD_HOST)).contains("1.0.0");
		Instant before = Instant.now().minusSeconds(1);

		SwapProgress started = gateway.startSwap(DEMO, "staging", "production", true);
		assertThat(started.status()).isEqualTo(Status.RUNNING);
		assertThat(started.pollUrl()).startsWith("http://localhost:" + port + "/emulator/arm/");
		assertThat(started.retryAfter()).isPositive();

		assertThatThrownBy(() -> gateway.startSwap(DEMO, "staging", "production", true))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.BUSY);
				assertThat(e.isTransient()).isTrue();
			});

		SwapProgress done = pollUntilDone(started);
		assertThat(done.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(build(PROD_HOST)).contains("1.1.0");
		assertThat(build(STAGING_HOST)).contains("1.0.0");
		SlotSwapStatus lastSwap = gateway.slot(DEMO, "production").lastSwap();
		assertThat(lastSwap).isNotNull();
		assertThat(lastSwap.sourceSlotName()).isEqualToIgnoringCase("staging");
		assertThat(lastSwap.destinationSlotName()).isEqualToIgnoringCase("production");
		assertThat(lastSwap.timestampUtc()).isAfter(before);
		// Azure sets slotSwapStatus on both slots of the swap, and the gateway reads each slot's own; an
		// emulator that sets it on production only leaves staging's null.
		SlotSwapStatus stagingLastSwap = gateway.slot(DEMO, "staging").lastSwap();
		if (stagingLastSwap != null) {
			assertThat(stagingLastSwap).isEqualTo(lastSwap);
		}

		// Roll back, so that the demo site is as seeded again.
		faults(200);
		assertThat(pollUntilDone(gateway.startSwap(DEMO, "staging", "production", true)).status())
			.isEqualTo(Status.SUCCEEDED);
		assertThat(build(PROD_HOST)).contains("1.0.0");
	}

	@Test
	void a_swap_that_azure_fails_is_reported_failed_with_azures_error_and_production_is_untouched() throws Exception {
		faults("{\"swapDurationMillis\":200,\"failNextSwaps\":1}");
		try {
			SwapProgress progress = pollUntilDone(gateway.startSwap(DEMO, "staging", "production", true));
			assertThat(progress.status()).isEqualTo(Status.FAILED);
			assertThat(progress.errorCode()).isNotBlank();
			assertThat(progress.errorMessage()).isNotBlank();
			assertThat(build(PROD_HOST)).contains("1.0.0");
		}
		finally {
			faults("{\"failNextSwaps\":0}");
		}
	}

	@Test
	void throttling_is_retried_honouring_retry_after() throws Exception {
		faults("{\"throttleEveryNth\":2}");
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 3; i++) {
				assertThat(gateway.slot(DEMO, "staging").hostName()).isEqualTo(STAGING_HOST);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		}
		finally {
			faults("{\"throttleEveryNth\":0}");
		}
	}

	@Test
	void a_swap_with_preview_prepares_the_source_and_a_reset_cancels_it() {
		gateway.applySlotConfig(DEMO, "staging", "production", true);
		try {
			assertThat(gateway.slot(DEMO, "staging").targetSwapSlot()).isEqualToIgnoringCase("production");
			assertThat(gateway.appSettings(DEMO, "staging")).containsEntry("ENVIRONMENT", "production");
		}
		finally {
			gateway.resetSlotConfig(DEMO, "staging");
		}
		assertThat(gateway.slot(DEMO, "staging").targetSwapSlot()).isNull();
		assertThat(gateway.appSettings(DEMO, "staging")).containsEntry("ENVIRONMENT", "staging");
	}

	@Test
	void probes_go_to_this_processs_emulator_sites() {
		assertThat(gateway.probeUri(PROD_HOST, "/"))
			.isEqualTo(URI.create("http://localhost:" + port + "/emulator/sites/" + PROD_HOST + "/"));
		assertThat(gateway.reachable()).isTrue();
	}

	@Test
	void an_unreachable_resource_manager_is_unavailable() {
		AzureProperties properties = new AzureProperties("http://127.0.0.1:1/emulator/arm", SUBSCRIPTION, 1,
				Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2), AzureProperties.Budget.AZURE);
		AppServiceGateway unreachable = new AzureSdkAppServiceGateway(
				AzureClients.forEndpoint(properties, properties.resourceManagerEndpoint()));
		assertThatThrownBy(() -> unreachable.slot(DEMO, "production")).isInstanceOfSatisfying(AzureException.class,
				e -> {
					assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
					assertThat(e.isTransient()).isTrue();
				});
		assertThat(unreachable.reachable()).isFalse();
	}

	private SwapProgress pollUntilDone(SwapProgress progress) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(30);
		while (progress.status() == Status.RUNNING) {
			assertThat(Instant.now()).isBefore(deadline);
			Thread.sleep(Math.min(progress.retryAfter().toMillis(), 250));
			progress = gateway.pollSwap(progress.pollUrl());
		}
		return progress;
	}

	private String build(String hostName) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.probeUri(hostName, "/")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private void faults(long swapDurationMillis) throws IOException, InterruptedException {
		faults("{\"armLatencyMillis\":0,\"swapDurationMillis\":" + swapDurationMillis
				+ ",\"throttleEveryNth\":0,\"failNextSwaps\":0,\"transientErrorRate\":0.0}");
	}

	private void faults(String body) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/emulator/control/faults"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isBetween(200, 204);
	}
}
