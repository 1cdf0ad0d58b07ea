package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Base of the full-stack tests: the whole service on a random port with the default {@code local}
 * profile (embedded emulator, in-memory H2), driven over HTTP exactly as a client would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// back off quickly after transient Azure errors
		"slotswap.engine.retry-delay=200ms", "slotswap.engine.max-retry-delay=1s",
		// these tests send far more than a person would; RateLimitIT runs on the shipped limit
		"slotswap.security.rate-limit.requests=100000" })
abstract class FullStackSupport {

	/**
	 * The policies of these tests, all here (Spring Boot binds a list from one property source only),
	 * first match wins:
	 * <ul>
	 * <li>rg-approval-*: need an approver; posted to Slack channel C0APPROVALS;</li>
	 * <li>rg-expiry-*: approvals expire after 3 s;</li>
	 * <li>rg-verified-*: verified for 4 s after the swap by default;</li>
	 * <li>production of rg-guarded-*: requested by dev-operator only, approved by dev-admin only;</li>
	 * <li>rg-hooks-*: two webhooks on the local {@link Receivers}, which also stand in for Slack's Web API.</li>
	 * </ul>
	 */
	@DynamicPropertySource
	static void policies(DynamicPropertyRegistry registry) {
		Receivers receivers = Receivers.get();
		String[][] policies = { { "[0].resource-group", "rg-approval-*" }, { "[0].require-approval", "true" },
				{ "[0].slack-channel", "C0APPROVALS" }, { "[1].resource-group", "rg-expiry-*" },
				{ "[1].require-approval", "true" }, { "[1].approval-timeout", "3s" },
				{ "[2].resource-group", "rg-verified-*" }, { "[2].verification.duration-seconds", "4" },
				{ "[2].verification.interval-seconds", "1" }, { "[2].verification.failure-threshold", "2" },
				{ "[3].resource-group", "rg-guarded-*" }, { "[3].target-slot", "production" },
				{ "[3].require-approval", "true" }, { "[3].requesters[0]", "dev-operator" },
				{ "[3].approvers[0]", "dev-admin" }, { "[4].resource-group", "rg-hooks-*" },
				{ "[4].webhooks[0]", receivers.url("/hooks/a") }, { "[4].webhooks[1]", receivers.url("/hooks/b") } };
		for (String[] policy : policies) {
			registry.add("slotswap.policies" + policy[0], () -> policy[1]);
		}
		registry.add("slotswap.chatops.slack.bot-token", () -> "xoxb-test-bot-token");
		registry.add("slotswap.chatops.slack.api-url", () -> receivers.url("/slack-api/"));
	}

	static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void connect() {
		http = new Http(port);
		Http.Response faults = http.put("/emulator/control/faults",
				"{\"armLatencyMillis\":0,\"swapDurationMillis\":300,\"throttleEveryNth\":0,\"failNextSwaps\":0,\"transientErrorRate\":0.0}");
		assertThat(faults.status()).isEqualTo(200);
	}

	/** A fresh site of its own for one test: production on build 1.0.0, each slot on 1.1.0. */
	String newSite(String resourceGroup, String settingsJson, String stickyJson, String... slots) {
		String site = "it-" + UUID.randomUUID().toString().substring(0, 8);
		StringBuilder slotList = new StringBuilder();
		for (String slot : slots) {
			slotList.append(slotList.isEmpty() ? "" : ",").append('"').append(slot).append('"');
		}
		Http.Response created = http.put("/emulator/control/sites/" + resourceGroup + "/" + site,
				"{\"slots\":[" + slotList + "],\"appSettings\":" + settingsJson + ",\"stickyAppSettings\":" + stickyJson
						+ "}");
		assertThat(created.status()).isIn(200, 201);
		deploy(resourceGroup, site, "production", "{\"version\":\"1.0.0\",\"healthy\":true}");
		for (String slot : slots) {
			deploy(resourceGroup, site, slot, "{\"version\":\"1.1.0\",\"healthy\":true}");
		}
		return site;
	}

	String newSite(String resourceGroup) {
		return newSite(resourceGroup, "{}", "[]", "staging");
	}

	void deploy(String resourceGroup, String site, String slot, String buildJson) {
		Http.Response deployed = http
			.put("/emulator/control/sites/" + resourceGroup + "/" + site + "/slots/" + slot + "/build", buildJson);
		assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
	}

	/** What a slot's host name serves now, as its users see it. */
	Http.Response slotSite(String site, String slot) {
		String host = "production".equals(slot) ? site + ".emulator.local" : site + "-" + slot + ".emulator.local";
		return http.get("/emulator/sites/" + host.toLowerCase(Locale.ROOT) + "/");
	}

	String buildServedBy(String site, String slot) {
		Http.Response answer = slotSite(site, slot);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("build").asString();
	}

	static String swapRequest(String resourceGroup, String site, String extra) {
		return "{\"resourceGroup\":\"" + resourceGroup + "\",\"site\":\"" + site + "\",\"sourceSlot\":\"staging\""
				+ ",\"warmup\":{\"consecutiveSuccesses\":1,\"intervalSeconds\":1,\"timeoutSeconds\":20}"
				+ (extra.isEmpty() ? "" : "," + extra) + "}";
	}

	JsonNode awaitTerminal(String id) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode op = http.get("/api/v1/swaps/" + id).json();
			return op.get("terminal").asBoolean();
		});
		return http.get("/api/v1/swaps/" + id).json();
	}

	List<String> transitions(String id) {
		List<String> states = new ArrayList<>();
		for (JsonNode event : http.get("/api/v1/swaps/" + id + "/events?type=TRANSITION").json()) {
			states.add(event.get("toState").asString());
		}
		return states;
	}

	Http.Response faults(String json) {
		Http.Response response = http.put("/emulator/control/faults", json);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	JsonNode operation(String id) {
		return http.get("/api/v1/swaps/" + id).json();
	}

	/** Waits until the operation is in {@code state} (fails if it ends elsewhere first). */
	JsonNode awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode op = operation(id);
			String now = op.get("state").asString();
			if (op.get("terminal").asBoolean() && !now.equals(state)) {
				throw new AssertionError("ended " + now + " instead of reaching " + state + ": " + op);
			}
			return now.equals(state);
		});
		return operation(id);
	}

	String requestSwap(String body) {
		Http.Response accepted = http.post("/api/v1/swaps", body);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return accepted.json().get("id").asString();
	}

	JsonNode appSettings(String resourceGroup, String site, String slot) {
		String slotPath = "production".equals(slot) ? "" : "/slots/" + slot;
		Http.Response listed = http.post("/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/"
				+ resourceGroup + "/providers/Microsoft.Web/sites/" + site + slotPath
				+ "/config/appsettings/list?api-version=2025-03-01", "");
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		return listed.json().get("properties");
	}

	void putAppSettings(String resourceGroup, String site, String slot, String propertiesJson) {
		String slotPath = "production".equals(slot) ? "" : "/slots/" + slot;
		Http.Response put = http.put("/emulator/arm/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + resourceGroup
				+ "/providers/Microsoft.Web/sites/" + site + slotPath + "/config/appsettings?api-version=2025-03-01",
				"{\"properties\":" + propertiesJson + "}");
		assertThat(put.status()).as(put.body()).isEqualTo(200);
	}

	long countOperations() {
		return http.get("/api/v1/swaps?size=1").json().get("page").get("totalElements").asLong();
	}
}
