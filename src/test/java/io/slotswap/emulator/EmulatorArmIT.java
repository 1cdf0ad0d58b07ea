package io.slotswap.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.appservice.fluent.WebAppsClient;
import com.azure.resourcemanager.appservice.fluent.models.SiteConfigResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.SiteInner;
import com.azure.resourcemanager.appservice.fluent.models.SlotConfigNamesResourceInner;
import com.azure.resourcemanager.appservice.fluent.models.StringDictionaryInner;
import com.azure.resourcemanager.appservice.models.CsmSlotEntity;
import com.azure.resourcemanager.appservice.models.DeploymentSlot;
import com.azure.resourcemanager.appservice.models.WebApp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator alone ({@code emulator} profile) driven by the unmodified Azure SDK, exactly as
 * slotswap's gateway drives it: fluent reads, the swap as a long-running operation (SyncPoller and
 * the raw polling URL), swap with preview, and ARM errors surfacing as {@link ManagementException}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "slotswap.emulator.warmup-budget=1s", "slotswap.emulator.warmup-ping-interval=100ms",
				// application-emulator.yml excludes the datasource but readiness still names 'db'
				"management.endpoint.health.group.readiness.include=readinessState" })
@ActiveProfiles("emulator")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmulatorArmIT {

	static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

	static final String RG = "rg-dss-demo";

	static final String SITE = "dss-helloworldapp-prod";

	static final String PRODUCTION_HOST = "dss-helloworldapp-prod.emulator.local";

	static final String STAGING_HOST = "dss-helloworldapp-prod-staging.emulator.local";

	static final String SITE_PATH = "/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RG
			+ "/providers/Microsoft.Web/sites/" + SITE;

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	AzureResourceManager azure;

	WebAppsClient webApps;

	@BeforeEach
	void resetEmulatorAndConnectTheSdk() throws Exception {
		send("POST", "/emulator/control/reset", null);
		send("PUT", "/emulator/control/faults", "{\"swapDurationMillis\":200}");
		HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build())
				.policies(new RetryPolicy()).build();
		azure = AzureResourceManager.authenticate(pipeline, profile()).withSubscription(SUBSCRIPTION);
		webApps = azure.webApps().manager().serviceClient().getWebApps();
	}

	private AzureProfile profile() {
		Map<String, String> endpoints = new HashMap<>();
		String arm = "http://localhost:" + port + "/emulator/arm";
		endpoints.put("resourceManagerEndpointUrl", arm);
		endpoints.put("managementEndpointUrl", arm);
		endpoints.put("activeDirectoryEndpointUrl", "http://localhost:" + port + "/emulator/aad/");
		endpoints.put("microsoftGraphResourceId", "http://localhost:" + port + "/emulator/graph/");
		endpoints.put("activeDirectoryGraphResourceId", "http://localhost:" + port + "/emulator/graph/");
		return new AzureProfile("tenant", SUBSCRIPTION, new AzureEnvironment(endpoints));
	}

	private WebAppsClient sdk(HttpPipeline pipeline) {
		return AzureResourceManager.authenticate(pipeline, profile()).withSubscription(SUBSCRIPTION).webApps().manager()
				.serviceClient().getWebApps();
	}

	@Test
	void the_fluent_sdk_reads_the_seeded_site_and_its_staging_slot() {
		WebApp app = azure.webApps().getByResourceGroup(RG, SITE);
		assertThat(app.name()).isEqualTo(SITE);
		assertThat(app.defaultHostname()).isEqualTo(PRODUCTION_HOST);
		assertThat(app.innerModel().slotSwapStatus()).isNull();
		DeploymentSlot staging = app.deploymentSlots().getByName("staging");
		assertThat(staging.name()).isEqualTo("staging");
		assertThat(staging.defaultHostname()).isEqualTo(STAGING_HOST);
		assertThat(azure.webApps().getByResourceGroup("RG-DSS-Demo", "DSS-HelloWorldApp-Prod").name())
				.as("names are case-insensitive, spelled as created").isEqualTo(SITE);
	}

	@Test
	void a_swap_through_the_sync_poller_puts_the_staging_build_into_production() throws Exception {
		webApps.beginSwapSlot(RG, SITE, "staging", new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true))
				.setPollInterval(Duration.ofMillis(100)).getFinalResult();

		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.1.0");
		assertThat(slotSite(STAGING_HOST).path("build").asString()).isEqualTo("1.0.0");
		SiteInner site = webApps.getByResourceGroup(RG, SITE);
		assertThat(site.slotSwapStatus()).isNotNull();
		assertThat(site.slotSwapStatus().sourceSlotName()).isEqualTo("staging");
		assertThat(site.slotSwapStatus().destinationSlotName()).isEqualTo("production");
		assertThat(site.slotSwapStatus().timestampUtc()).isNotNull();
		StringDictionaryInner production = webApps.listApplicationSettings(RG, SITE);
		assertThat(production.properties()).containsEntry("ENVIRONMENT", "production")
				.containsEntry("GREETING", "Hello from 1.1.0");
		StringDictionaryInner staging = webApps.listApplicationSettingsSlot(RG, SITE, "staging");
		assertThat(staging.properties()).containsEntry("ENVIRONMENT", "staging")
				.containsEntry("GREETING", "Hello from 1.0.0");
		assertThat(control().path("swapCount").asInt()).isEqualTo(1);
	}

	@Test
	void after_a_swap_the_site_and_the_slot_resource_both_carry_its_slot_swap_status() {
		webApps.beginSwapSlot(RG, SITE, "staging", new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true))
				.setPollInterval(Duration.ofMillis(100)).getFinalResult();

		var production = webApps.getByResourceGroup(RG, SITE).slotSwapStatus();
		var staging = webApps.getSlot(RG, SITE, "staging").slotSwapStatus();
		assertThat(staging).isNotNull();
		assertThat(staging.sourceSlotName()).isEqualTo("staging");
		assertThat(staging.destinationSlotName()).isEqualTo("production");
		assertThat(staging.timestampUtc()).isEqualTo(production.timestampUtc());
		assertThat(webApps.listSlots(RG, SITE).stream().toList()).singleElement()
				.satisfies(slot -> assertThat(slot.slotSwapStatus().timestampUtc()).isEqualTo(production.timestampUtc()));
	}

	@Test
	void a_slot_to_slot_swap_sets_the_status_of_those_two_slots_and_leaves_production_without_one() throws Exception {
		send("PUT", "/emulator/control/sites/rg-qa/qa-app", "{\"slots\":[\"staging\",\"qa\"]}");
		send("PUT", "/emulator/control/sites/rg-qa/qa-app/slots/staging/build", "{\"version\":\"2.0.0\"}");

		webApps.beginSwapSlot("rg-qa", "qa-app", "staging", new CsmSlotEntity().withTargetSlot("qa").withPreserveVnet(true))
				.setPollInterval(Duration.ofMillis(100)).getFinalResult();

		assertThat(webApps.getByResourceGroup("rg-qa", "qa-app").slotSwapStatus()).isNull();
		var qa = webApps.getSlot("rg-qa", "qa-app", "qa").slotSwapStatus();
		var staging = webApps.getSlot("rg-qa", "qa-app", "staging").slotSwapStatus();
		assertThat(qa).isNotNull();
		assertThat(qa.sourceSlotName()).isEqualTo("staging");
		assertThat(qa.destinationSlotName()).isEqualTo("qa");
		assertThat(staging.timestampUtc()).isEqualTo(qa.timestampUtc());
		assertThat(slotSite("qa-app-qa.emulator.local").path("build").asString()).isEqualTo("2.0.0");
	}

	@Test
	void the_initial_202_carries_a_location_that_can_be_polled_through_the_sdk_pipeline_until_200() throws Exception {
		var response = webApps.swapSlotWithResponseAsync(RG, SITE, "staging",
				new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true)).block();
		assertThat(response.getStatusCode()).isEqualTo(202);
		String location = response.getHeaders().getValue(HttpHeaderName.LOCATION);
		assertThat(location).contains("/emulator/arm/subscriptions/" + SUBSCRIPTION).contains("api-version=");
		assertThat(response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER)).isEqualTo("1");
		HttpPipeline pipeline = azure.webApps().manager().serviceClient().getHttpPipeline();

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			try (var poll = pipeline.send(new HttpRequest(HttpMethod.GET, location)).block()) {
				assertThat(poll.getStatusCode()).isIn(200, 202);
				return poll.getStatusCode() == 200;
			}
		});
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.1.0");
		JsonNode control = control();
		assertThat(control.path("swapCount").asInt()).isEqualTo(1);
		assertThat(control.path("completedSwaps").get(0).path("sourceSlot").asString()).isEqualTo("staging");
	}

	@Test
	void an_unknown_site_surfaces_as_a_management_exception_with_code_resource_not_found() {
		assertThatThrownBy(() -> webApps.listApplicationSettings(RG, "no-such-site"))
				.isInstanceOfSatisfying(ManagementException.class,
						e -> assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound"));
		assertThatThrownBy(() -> azure.webApps().getByResourceGroup(RG, SITE).deploymentSlots().getByName("nope"))
				.isInstanceOfSatisfying(ManagementException.class,
						e -> assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound"));
	}

	@Test
	void a_second_operation_while_a_swap_runs_surfaces_as_conflict() throws Exception {
		send("PUT", "/emulator/control/faults", "{\"swapDurationMillis\":3000}");
		CsmSlotEntity toProduction = new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true);
		assertThat(webApps.swapSlotWithResponseAsync(RG, SITE, "staging", toProduction).block().getStatusCode())
				.isEqualTo(202);

		assertThatThrownBy(() -> webApps.swapSlotWithResponseAsync(RG, SITE, "staging", toProduction).block())
				.isInstanceOfSatisfying(ManagementException.class, e -> {
					assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
					assertThat(e.getValue().getCode()).isEqualTo("Conflict");
					assertThat(e.getValue().getMessage()).contains("another operation is in progress")
							.contains("OperationName: SwapSiteSlots");
				});
		assertThatThrownBy(() -> webApps.updateApplicationSettingsSlot(RG, SITE, "staging",
				new StringDictionaryInner().withProperties(Map.of("K", "V"))))
				.isInstanceOfSatisfying(ManagementException.class,
						e -> assertThat(e.getValue().getCode()).isEqualTo("Conflict"));

		await().atMost(Duration.ofSeconds(10)).until(() -> control().path("swapCount").asInt() == 1);
		assertThat(control().path("activeOperation").isNull()).isTrue();
	}

	@Test
	void a_swap_with_preview_applies_the_target_settings_blocks_other_changes_and_completes() throws Exception {
		CsmSlotEntity toProduction = new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true);
		webApps.applySlotConfigurationSlot(RG, SITE, "staging", toProduction);

		assertThat(webApps.listApplicationSettingsSlot(RG, SITE, "staging").properties())
				.containsEntry("ENVIRONMENT", "production").containsEntry("GREETING", "Hello from 1.1.0");
		assertThat(webApps.getSlot(RG, SITE, "staging").targetSwapSlot()).isEqualTo("production");
		assertThatThrownBy(() -> webApps.updateApplicationSettings(RG, SITE,
				new StringDictionaryInner().withProperties(Map.of("K", "V"))))
				.isInstanceOfSatisfying(ManagementException.class, e -> {
					assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
					assertThat(e.getValue().getCode()).isEqualTo(ArmErrors.SLOT_PREPARED_FOR_SWAP);
					assertThat(e.getValue().getMessage())
							.contains("has already been prepared for swap with slot 'production'");
				});

		webApps.beginSwapSlot(RG, SITE, "staging", toProduction).setPollInterval(Duration.ofMillis(100))
				.getFinalResult();

		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.1.0");
		assertThat(webApps.getSlot(RG, SITE, "staging").targetSwapSlot()).isNull();
		assertThat(webApps.listApplicationSettingsSlot(RG, SITE, "staging").properties())
				.containsEntry("ENVIRONMENT", "staging");
	}

	@Test
	void a_cancelled_preview_gives_the_source_its_own_settings_back() {
		CsmSlotEntity toProduction = new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true);
		webApps.applySlotConfigurationSlot(RG, SITE, "staging", toProduction);
		webApps.resetSlotConfigurationSlot(RG, SITE, "staging");

		assertThat(webApps.listApplicationSettingsSlot(RG, SITE, "staging").properties())
				.containsEntry("ENVIRONMENT", "staging");
		assertThat(webApps.getSlot(RG, SITE, "staging").targetSwapSlot()).isNull();
		webApps.updateApplicationSettings(RG, SITE, new StringDictionaryInner().withProperties(Map.of("K", "V")));
	}

	@Test
	void site_config_accepts_auto_swap_and_sticky_names_are_read_and_replaced_at_site_level() {
		webApps.updateConfigurationSlot(RG, SITE, "staging",
				new SiteConfigResourceInner().withAutoSwapSlotName("production").withAlwaysOn(true));
		assertThat(webApps.getConfigurationSlot(RG, SITE, "staging").autoSwapSlotName()).isEqualTo("production");
		assertThat(webApps.getConfiguration(RG, SITE).autoSwapSlotName()).isNull();
		assertThat(webApps.listSlotConfigurationNames(RG, SITE).appSettingNames()).containsExactly("ENVIRONMENT");

		webApps.updateSlotConfigurationNames(RG, SITE, new SlotConfigNamesResourceInner()
				.withAppSettingNames(List.of("ENVIRONMENT", "GREETING")).withConnectionStringNames(List.of("Database")));

		assertThat(webApps.listSlotConfigurationNames(RG, SITE).appSettingNames())
				.containsExactly("ENVIRONMENT", "GREETING");
		assertThat(webApps.listConnectionStringsSlot(RG, SITE, "staging").properties().get("Database").value())
				.contains("staging");
	}

	@Test
	void slot_differences_list_app_settings_and_connection_strings() {
		var differences = webApps.listSlotDifferencesSlot(RG, SITE, "staging",
				new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true)).stream().toList();
		assertThat(differences).anySatisfy(d -> {
			assertThat(d.settingName()).isEqualTo("GREETING");
			assertThat(d.settingType()).isEqualTo("AppSetting");
			assertThat(d.diffRule()).isEqualTo("SettingsWillBeModifiedInDestination");
		});
		assertThat(differences).anySatisfy(d -> {
			assertThat(d.settingName()).isEqualTo("Database");
			assertThat(d.settingType()).isEqualTo("ConnectionString");
		});
	}

	@Test
	void a_transient_allocation_failure_fails_the_operation_with_400_and_changes_nothing() throws Exception {
		send("PUT", "/emulator/control/faults", "{\"failNextSwaps\":1}");

		PollResult.Error error = failedSwap();
		assertThat(error.getResponseStatusCode()).isEqualTo(400);
		JsonNode body = JSON.readTree(error.getResponseBody()).path("error");
		assertThat(body.path("code").asString()).isEqualTo("BadRequest");
		assertThat(body.path("message").asString()).contains("allocation of VM instances").contains("retry");
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.0.0");
		assertThat(webApps.listApplicationSettingsSlot(RG, SITE, "staging").properties())
				.containsEntry("ENVIRONMENT", "staging");
		assertThat(control().path("swapCount").asInt()).isZero();
	}

	@Test
	void an_ambiguous_swap_is_performed_while_the_caller_gets_a_504_and_the_next_one_a_dropped_connection()
			throws Exception {
		send("PUT", "/emulator/control/faults", "{\"ambiguousSwaps\":2}");

		HttpResponse<String> timedOut = send("POST", SITE_PATH + "/slots/staging/slotsswap?api-version=2025-03-01",
				"{\"targetSlot\":\"production\",\"preserveVnet\":true}");

		assertThat(timedOut.statusCode()).isEqualTo(504);
		assertThat(JSON.readTree(timedOut.body()).path("error").path("code").asString()).isEqualTo("GatewayTimeout");
		await().atMost(Duration.ofSeconds(10)).until(() -> control().path("swapCount").asInt() == 1);
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.1.0");
		assertThat(faults().path("ambiguousSwaps").asInt()).isEqualTo(1);

		assertThatThrownBy(() -> send("POST", SITE_PATH + "/slotsswap?api-version=2025-03-01",
				"{\"targetSlot\":\"staging\",\"preserveVnet\":true}"))
				.as("no HTTP answer at all").isInstanceOf(IOException.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> control().path("swapCount").asInt() == 2);
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.0.0");
		assertThat(faults().path("ambiguousSwaps").asInt()).isZero();

		assertThat(send("POST", SITE_PATH + "/slots/staging/slotsswap?api-version=2025-03-01",
				"{\"targetSlot\":\"production\",\"preserveVnet\":true}").statusCode())
				.as("the counter ran down").isEqualTo(202);
	}

	@Test
	void a_swap_refused_while_another_runs_does_not_use_up_an_ambiguous_swap() throws Exception {
		send("PUT", "/emulator/control/faults", "{\"swapDurationMillis\":3000}");
		String swap = SITE_PATH + "/slots/staging/slotsswap?api-version=2025-03-01";
		String body = "{\"targetSlot\":\"production\",\"preserveVnet\":true}";
		assertThat(send("POST", swap, body).statusCode()).isEqualTo(202);
		send("PUT", "/emulator/control/faults", "{\"ambiguousSwaps\":1}");

		assertThat(send("POST", swap, body).statusCode()).isEqualTo(409);

		assertThat(faults().path("ambiguousSwaps").asInt()).isEqualTo(1);
	}

	@Test
	void without_retries_the_sdk_sees_the_lost_answers_as_a_504_management_exception_and_an_io_exception()
			throws Exception {
		send("PUT", "/emulator/control/faults", "{\"ambiguousSwaps\":2,\"swapDurationMillis\":50}");
		WebAppsClient noRetries = sdk(new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build()).build());
		CsmSlotEntity toProduction = new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true);

		assertThatThrownBy(() -> noRetries.swapSlotWithResponseAsync(RG, SITE, "staging", toProduction).block())
				.isInstanceOfSatisfying(ManagementException.class, e -> {
					assertThat(e.getResponse().getStatusCode()).isEqualTo(504);
					assertThat(e.getValue().getCode()).isEqualTo("GatewayTimeout");
				});
		await().atMost(Duration.ofSeconds(10)).until(() -> control().path("swapCount").asInt() == 1);
		assertThatThrownBy(() -> noRetries.swapSlotWithResponseAsync(RG, SITE, "staging", toProduction).block())
				.isNotInstanceOf(ManagementException.class).hasCauseInstanceOf(IOException.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> control().path("swapCount").asInt() == 2);
	}

	/** Why a caller must never let the SDK's RetryPolicy resend a swap: the first one did happen. */
	@Test
	void the_sdk_retry_policy_resends_a_swap_whose_answer_was_lost_and_so_swaps_twice() throws Exception {
		send("PUT", "/emulator/control/faults", "{\"ambiguousSwaps\":1}");

		webApps.beginSwapSlot(RG, SITE, "staging", new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true))
				.setPollInterval(Duration.ofMillis(100)).getFinalResult();

		await().atMost(Duration.ofSeconds(10)).until(() -> control().path("swapCount").asInt() == 2);
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).as("swapped back").isEqualTo("1.0.0");
	}

	@Test
	void a_source_that_never_warms_up_fails_the_swap_with_417_when_warmup_statuses_are_set() throws Exception {
		send("PUT", "/emulator/control/sites/" + RG + "/" + SITE + "/slots/staging/build",
				"{\"version\":\"2.0.0\",\"healthy\":false}");
		webApps.updateApplicationSettingsSlot(RG, SITE, "staging", new StringDictionaryInner().withProperties(
				Map.of("ENVIRONMENT", "staging", "WEBSITE_SWAP_WARMUP_PING_STATUSES", "200,202")));

		PollResult.Error error = failedSwap();
		assertThat(error.getResponseStatusCode()).isEqualTo(417);
		JsonNode body = JSON.readTree(error.getResponseBody()).path("error");
		assertThat(body.path("code").asString()).isEqualTo("ExpectationFailed");
		assertThat(body.path("message").asString()).contains("did not respond to http ping");
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).isEqualTo("1.0.0");
	}

	@Test
	void throttling_answers_429_with_retry_after_which_the_sdk_retries() throws Exception {
		send("PUT", "/emulator/control/faults", "{\"throttleEveryNth\":2}");
		assertThat(webApps.getByResourceGroup(RG, SITE).name()).isEqualTo(SITE);
		assertThat(webApps.getSlot(RG, SITE, "staging").name()).isEqualTo(SITE + "/staging");
		HttpResponse<String> raw = send("GET", "/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RG
				+ "/providers/Microsoft.Web/sites/" + SITE + "?api-version=2025-03-01", null);
		HttpResponse<String> next = send("GET", "/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RG
				+ "/providers/Microsoft.Web/sites/" + SITE + "?api-version=2025-03-01", null);
		HttpResponse<String> throttled = raw.statusCode() == 429 ? raw : next;
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(JSON.readTree(throttled.body()).path("error").path("code").asString()).isEqualTo("TooManyRequests");
	}

	@Test
	void the_arm_budget_answers_429_with_retry_after_once_a_burst_is_spent_and_refills() throws Exception {
		HttpResponse<String> set = send("PUT", "/emulator/control/faults",
				"{\"armBudget\":{\"readsPerSecond\":0.5,\"readBurst\":2,\"writesPerSecond\":0.1,\"writeBurst\":1}}");
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(set.body()).path("armBudget").path("readBurst").asInt()).isEqualTo(2);
		String read = SITE_PATH + "?api-version=2025-03-01";
		String write = SITE_PATH + "/config/appsettings/list?api-version=2025-03-01";

		assertThat(send("GET", read, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", read, null).statusCode()).isEqualTo(200);
		HttpResponse<String> throttled = send("GET", read, null);
		assertThat(send("POST", write, null).statusCode()).isEqualTo(200);
		HttpResponse<String> throttledWrite = send("POST", write, null);

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(JSON.readTree(throttled.body()).path("error").path("code").asString()).isEqualTo("TooManyRequests");
		assertThat(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
		assertThat(throttledWrite.statusCode()).isEqualTo(429);
		assertThat(Integer.parseInt(throttledWrite.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 10);
		assertThat(send("GET", read.replace(SUBSCRIPTION, "11111111-1111-1111-1111-111111111111"), null).statusCode())
				.as("another subscription has its own buckets").isEqualTo(200);
		assertThat(slotSite(PRODUCTION_HOST).path("build").asString()).as("slot sites are no ARM calls").isEqualTo("1.0.0");
		JsonNode stats = JSON.readTree(send("GET", "/emulator/control/stats", null).body());
		assertThat(stats.path("armReads").asInt()).isEqualTo(4);
		assertThat(stats.path("armWrites").asInt()).isEqualTo(2);
		assertThat(stats.path("armBudgetThrottledReads").asInt()).isEqualTo(1);
		assertThat(stats.path("armBudgetThrottledWrites").asInt()).isEqualTo(1);

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
				.until(() -> send("GET", read, null).statusCode() == 200);
	}

	@Test
	void the_arm_budget_is_unlimited_by_default_and_rejects_bad_values() throws Exception {
		assertThat(faults().path("armBudget").isNull()).isTrue();
		assertThat(faults().has("armBudget")).isTrue();
		assertThat(send("PUT", "/emulator/control/faults", "{\"armBudget\":{\"readsPerSecond\":0}}").statusCode())
				.isEqualTo(400);
		assertThat(send("PUT", "/emulator/control/faults", "{\"armBudget\":{\"readBurts\":5}}").statusCode())
				.isEqualTo(400);
		assertThat(send("PUT", "/emulator/control/faults", "{\"armBudget\":5}").statusCode()).isEqualTo(400);

		JsonNode partial = JSON.readTree(send("PUT", "/emulator/control/faults", "{\"armBudget\":{\"writeBurst\":3}}")
				.body()).path("armBudget");
		assertThat(partial.path("writeBurst").asInt()).isEqualTo(3);
		assertThat(partial.path("readBurst").asInt()).as("Azure's figure").isEqualTo(250);
		assertThat(partial.path("readsPerSecond").asDouble()).isEqualTo(25.0);
		assertThat(JSON.readTree(send("PUT", "/emulator/control/faults", "{\"failNextSwaps\":0}").body())
				.path("armBudget").path("writeBurst").asInt()).as("omitted, kept").isEqualTo(3);
		assertThat(JSON.readTree(send("PUT", "/emulator/control/faults", "{\"armBudget\":null}").body())
				.path("armBudget").isNull()).isTrue();
	}

	@Test
	void every_arm_error_is_the_arm_envelope_even_for_unknown_paths_and_missing_api_versions() throws Exception {
		HttpResponse<String> missingVersion = send("GET", "/emulator/arm/subscriptions/" + SUBSCRIPTION
				+ "/resourceGroups/" + RG + "/providers/Microsoft.Web/sites/" + SITE, null);
		assertThat(missingVersion.statusCode()).isEqualTo(400);
		assertThat(missingVersion.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		assertThat(JSON.readTree(missingVersion.body()).path("error").path("code").asString())
				.isEqualTo("MissingApiVersionParameter");

		HttpResponse<String> unknown = send("GET", "/emulator/arm/no/such/thing?api-version=2025-03-01", null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		JsonNode error = JSON.readTree(unknown.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("NotFound");
		assertThat(error.has("target")).isTrue();
		assertThat(error.path("details").isArray()).isTrue();

		HttpResponse<String> noTarget = send("POST", "/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/"
				+ RG + "/providers/Microsoft.Web/sites/" + SITE + "/slots/staging/slotsswap?api-version=2022-03-01",
				"{\"preserveVnet\":true}");
		assertThat(noTarget.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(noTarget.body()).path("error").path("message").asString()).contains("targetSlot");

		HttpResponse<String> old = send("GET", "/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RG
				+ "/providers/Microsoft.Web/sites/" + SITE + "?api-version=2016-08-01", null);
		assertThat(old.statusCode()).isEqualTo(400);
	}

	@Test
	void slot_sites_answer_as_their_build_and_404_for_unknown_host_names() throws Exception {
		HttpResponse<String> production = send("GET", "/emulator/sites/" + PRODUCTION_HOST + "/health/deep?x=1", null);
		assertThat(production.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(production.body());
		assertThat(body.path("site").asString()).isEqualTo(SITE);
		assertThat(body.path("slot").asString()).isEqualTo("production");
		assertThat(body.path("build").asString()).isEqualTo("1.0.0");
		assertThat(body.path("hostName").asString()).isEqualTo(PRODUCTION_HOST);
		assertThat(send("GET", "/emulator/sites/unknown.emulator.local", null).statusCode()).isEqualTo(404);

		send("PUT", "/emulator/control/sites/" + RG + "/" + SITE + "/slots/production/build",
				"{\"version\":\"9.9.9\",\"failsInProduction\":true}");
		assertThat(send("GET", "/emulator/sites/" + PRODUCTION_HOST, null).statusCode()).isEqualTo(500);
		send("PUT", "/emulator/control/sites/" + RG + "/" + SITE + "/slots/staging/build",
				"{\"version\":\"2.0.0\",\"warmupSeconds\":30}");
		assertThat(send("GET", "/emulator/sites/" + STAGING_HOST + "/", null).statusCode()).isEqualTo(503);
	}

	@Test
	void the_control_api_creates_sites_and_rejects_bad_input_with_400() throws Exception {
		HttpResponse<String> created = send("PUT", "/emulator/control/sites/rg-Test/My-App",
				"{\"slots\":[\"staging\",\"canary\"],\"appSettings\":{\"K\":\"V\"},\"stickyAppSettings\":[\"K\"]}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(send("PUT", "/emulator/control/sites/rg-test/my-app", "{}").statusCode()).isEqualTo(200);
		assertThat(send("PUT", "/emulator/control/sites/rg-test/my-app", "{\"slots\":[\"canary\"]}").statusCode())
				.isEqualTo(200);
		List<com.azure.resourcemanager.appservice.models.WebDeploymentSlotBasic> slots = azure.webApps().getByResourceGroup("rg-test", "my-app").deploymentSlots().list()
				.stream().toList();
		assertThat(slots).extracting(s -> s.name()).containsExactly("canary");

		HttpResponse<String> typo = send("PUT", "/emulator/control/faults", "{\"swapDurationMilis\":1}");
		assertThat(typo.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(typo.body()).path("error").path("message").asString()).contains("swapDurationMilis");
		assertThat(send("PUT", "/emulator/control/faults", "{\"transientErrorRate\":2}").statusCode()).isEqualTo(400);
		assertThat(send("PUT", "/emulator/control/sites/" + RG + "/" + SITE + "/slots/staging/build",
				"{\"healthy\":true}").statusCode()).isEqualTo(400);
		assertThat(send("PUT", "/emulator/control/sites/" + RG + "/" + SITE + "/slots/staging/build", "not json")
				.statusCode()).isEqualTo(400);
		assertThat(send("PUT", "/emulator/control/sites/" + RG + "/-bad-/", "{}").statusCode()).isIn(400, 404);
		JsonNode faults = JSON.readTree(send("GET", "/emulator/control/faults", null).body());
		assertThat(faults.path("swapDurationMillis").asLong()).isEqualTo(200);
	}

	/**
	 * A swap the emulator fails: the SDK's SyncPoller ends in FAILED with the ARM error in its
	 * PollResult, and getFinalResult() then returns null rather than throwing.
	 */
	private PollResult.Error failedSwap() {
		SyncPoller<PollResult<Void>, Void> poller = webApps.beginSwapSlot(RG, SITE, "staging",
				new CsmSlotEntity().withTargetSlot("production").withPreserveVnet(true))
				.setPollInterval(Duration.ofMillis(100));
		PollResponse<PollResult<Void>> last = poller.waitForCompletion(Duration.ofSeconds(20));
		assertThat(last.getStatus()).isEqualTo(LongRunningOperationStatus.FAILED);
		return last.getValue().getError();
	}

	private JsonNode slotSite(String hostName) throws Exception {
		HttpResponse<String> response = send("GET", "/emulator/sites/" + hostName + "/", null);
		return JSON.readTree(response.body());
	}

	private JsonNode faults() throws Exception {
		return JSON.readTree(send("GET", "/emulator/control/faults", null).body());
	}

	private JsonNode control() throws Exception {
		return JSON.readTree(send("GET", "/emulator/control/sites/" + RG + "/" + SITE, null).body());
	}

	private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
		var request = java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Content-Type", "application/json")
				.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build();
		return http.send(request, BodyHandlers.ofString());
	}
}
