package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SwapLifecycleIT extends FullStackSupport {

	static final String RG = "rg-lifecycle";

	@Test
	void aSwapPutsTheStagingBuildIntoProductionAndTheOldOneIntoStaging() {
		String site = newSite(RG);
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");

		Http.Response accepted = http.post("/api/v1/swaps", swapRequest(RG, site, "\"reason\":\"Release 1.1.0\""));

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		JsonNode op = accepted.json();
		String id = op.get("id").asString();
		assertThat(accepted.header("Location")).isEqualTo("/api/v1/swaps/" + id);
		assertThat(op.get("state").asString()).isIn("PENDING", "VALIDATING");
		assertThat(op.get("targetSlot").asString()).isEqualTo("production");
		assertThat(op.get("preserveVnet").asBoolean()).isTrue();
		assertThat(op.get("warmup").get("expectedStatuses").get(0).asInt()).isEqualTo(200);

		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("error").isNull()).isTrue();
		assertThat(done.get("completedAt").isNull()).isFalse();
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
		assertThat(buildServedBy(site, "staging")).isEqualTo("1.0.0");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "WARMING_UP", "SWAPPING", "SUCCEEDED");
		JsonNode history = http.get("/api/v1/swaps/" + id + "/events").json();
		String previous = "";
		for (JsonNode event : history) {
			assertThat(event.get("at").asString()).isGreaterThanOrEqualTo(previous);
			previous = event.get("at").asString();
		}
		assertThat(history.get(0).get("actor").asString()).isEqualTo(Http.OPERATOR);
		assertThat(history.get(0).get("channel").asString()).isEqualTo("api");
		assertThat(history.get(1).get("channel").asString()).isEqualTo("engine");
	}

	@Test
	void siteNamesAreCaseInsensitiveAndAnsweredInAzuresSpelling() {
		String site = newSite(RG);

		Http.Response accepted = http.post("/api/v1/swaps",
				swapRequest(RG.toUpperCase(), site.toUpperCase(), ""));

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.json().get("site").asString()).isEqualTo(site);
		assertThat(accepted.json().get("resourceGroup").asString()).isEqualTo(RG);
		Http.Response second = http.post("/api/v1/swaps", swapRequest(RG, site, ""));
		assertThat(second.status()).isEqualTo(409);
		awaitTerminal(accepted.json().get("id").asString());
		JsonNode listed = http.get("/api/v1/swaps?site=" + site.toUpperCase() + "&resourceGroup=" + RG).json();
		assertThat(listed.get("page").get("totalElements").asInt()).isEqualTo(1);
	}

	@Test
	void stickySettingsStayWithTheirSlotWhileTheOthersMoveWithTheBuild() {
		String site = newSite(RG, "{\"ENVIRONMENT\":\"production\",\"GREETING\":\"hello from 1.0.0\"}",
				"[\"ENVIRONMENT\"]", "staging");
		putAppSettings(RG, site, "staging", "{\"ENVIRONMENT\":\"staging\",\"GREETING\":\"hello from 1.1.0\"}");

		String id = http.post("/api/v1/swaps", swapRequest(RG, site, "")).json().get("id").asString();
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");

		JsonNode production = appSettings(RG, site, "production");
		JsonNode staging = appSettings(RG, site, "staging");
		assertThat(production.get("ENVIRONMENT").asString()).isEqualTo("production");
		assertThat(staging.get("ENVIRONMENT").asString()).isEqualTo("staging");
		assertThat(production.get("GREETING").asString()).isEqualTo("hello from 1.1.0");
		assertThat(staging.get("GREETING").asString()).isEqualTo("hello from 1.0.0");
	}

	@Test
	void aFailedWarmUpLeavesProductionUntouchedAndReleasesTheSite() {
		String site = newSite(RG);
		deploy(RG, site, "staging", "{\"version\":\"2.0.0-broken\",\"healthy\":false}");

		String id = http
			.post("/api/v1/swaps",
					"{\"resourceGroup\":\"" + RG + "\",\"site\":\"" + site + "\",\"sourceSlot\":\"staging\","
							+ "\"warmup\":{\"consecutiveSuccesses\":2,\"intervalSeconds\":1,\"timeoutSeconds\":5}}")
			.json()
			.get("id")
			.asString();
		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("WarmupFailed");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "WARMING_UP", "FAILED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		JsonNode control = http.get("/emulator/control/sites/" + RG + "/" + site).json();
		assertThat(control.get("swapCount").asInt()).as("Azure was never asked to swap").isZero();

		deploy(RG, site, "staging", "{\"version\":\"2.0.1\",\"healthy\":true}");
		Http.Response next = http.post("/api/v1/swaps", swapRequest(RG, site, ""));
		assertThat(next.status()).as("the site is free again").isEqualTo(202);
		assertThat(awaitTerminal(next.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("2.0.1");
	}

	@Test
	void aPendingSwapCanBeCancelledAndThenNothingIsSwapped() {
		String site = newSite(RG);
		deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":false}");
		String id = http
			.post("/api/v1/swaps",
					"{\"resourceGroup\":\"" + RG + "\",\"site\":\"" + site + "\",\"sourceSlot\":\"staging\","
							+ "\"warmup\":{\"timeoutSeconds\":60}}")
			.json()
			.get("id")
			.asString();

		Http.Response cancelled = http.post("/api/v1/swaps/" + id + "/cancel", "");

		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("Cancelled");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		Http.Response again = http.post("/api/v1/swaps/" + id + "/cancel", "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
	}

	@Test
	void listsAreNewestFirstAndFilterByStateAndActivity() {
		String site = newSite(RG);
		String first = http.post("/api/v1/swaps", swapRequest(RG, site, "")).json().get("id").asString();
		awaitTerminal(first);
		String second = http.post("/api/v1/swaps", swapRequest(RG, site, "")).json().get("id").asString();
		awaitTerminal(second);

		JsonNode page = http.get("/api/v1/swaps?site=" + site + "&size=1").json();
		assertThat(page.get("content").get(0).get("id").asString()).isEqualTo(second);
		assertThat(page.get("page").get("totalElements").asInt()).isEqualTo(2);
		assertThat(page.get("page").get("totalPages").asInt()).isEqualTo(2);
		assertThat(page.get("page").get("size").asInt()).isEqualTo(1);
		JsonNode active = http.get("/api/v1/swaps?site=" + site + "&active=true").json();
		assertThat(active.get("content")).isEmpty();
		JsonNode succeeded = http.get("/api/v1/swaps?site=" + site + "&state=SUCCEEDED").json();
		assertThat(succeeded.get("page").get("totalElements").asInt()).isEqualTo(2);
		List<String> engineEvents = http.get("/api/v1/swaps/" + first + "/events?channel=engine")
			.json()
			.valueStream()
			.map(event -> event.get("actor").asString())
			.distinct()
			.toList();
		assertThat(engineEvents).containsExactly("slotswap");
	}
}
