package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class VerificationAndRollbackIT extends FullStackSupport {

	static final String RG = "rg-verified-1";

	@Test
	void aVerifiedSwapSucceedsWhileProductionStaysHealthy() {
		String site = newSite(RG);
		String id = requestSwap(swapRequest(RG, site, ""));

		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("verification").get("durationSeconds").asInt()).as("from the site's policy").isEqualTo(4);
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "WARMING_UP", "SWAPPING", "VERIFYING",
				"SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
	}

	@Test
	void aBuildThatFailsInProductionIsRolledBackAutomatically() {
		String site = newSite(RG);
		deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true,\"failsInProduction\":true}");
		String id = requestSwap(swapRequest(RG, site, ""));

		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("ROLLED_BACK");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "WARMING_UP", "SWAPPING", "VERIFYING",
				"ROLLING_BACK", "ROLLED_BACK");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		assertThat(http.post("/api/v1/swaps/" + id + "/rollback", "").status())
			.as("nothing of it is in effect any more")
			.isEqualTo(409);
	}

	@Test
	void withoutAutoRollbackAFailingBuildStaysAndCanBeRolledBackByHandOnce() {
		String site = newSite(RG);
		deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true,\"failsInProduction\":true}");
		String id = requestSwap(swapRequest(RG, site, "\"verification\":{\"autoRollback\":false}"));

		JsonNode failed = awaitTerminal(id);
		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").get("code").asString()).isEqualTo("VerificationFailed");
		assertThat(slotSite(site, "production").status()).as("the new build stays").isEqualTo(500);

		Http.Response rollback = http.post("/api/v1/swaps/" + id + "/rollback", "");

		assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
		String rollbackId = rollback.json().get("id").asString();
		assertThat(rollback.header("Location")).isEqualTo("/api/v1/swaps/" + rollbackId);
		assertThat(rollback.json().get("rollbackOf").asString()).isEqualTo(id);
		assertThat(operation(id).get("rolledBackBy").asString()).isEqualTo(rollbackId);
		assertThat(awaitTerminal(rollbackId).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(transitions(rollbackId)).doesNotContain("AWAITING_APPROVAL").contains("WARMING_UP");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		Http.Response second = http.post("/api/v1/swaps/" + id + "/rollback", "");
		assertThat(second.status()).as("a second rollback is refused").isEqualTo(409);
		assertThat(second.contentType()).startsWith("application/problem+json");
	}

	@Test
	void onlyTheLatestSwapInEffectOfASiteCanBeRolledBack() {
		String rg = "rg-rollback";
		String site = newSite(rg);
		String first = requestSwap(swapRequest(rg, site, ""));
		awaitTerminal(first);
		String second = requestSwap(swapRequest(rg, site, ""));
		awaitTerminal(second);

		assertThat(http.post("/api/v1/swaps/" + first + "/rollback", "").status()).isEqualTo(409);
		Http.Response rollback = http.post("/api/v1/swaps/" + second + "/rollback", "");
		assertThat(rollback.status()).isEqualTo(202);
		assertThat(awaitTerminal(rollback.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
	}

	@Test
	void aRollbackThatSwappedNothingLeavesTheOriginalRollbackableAgain() {
		String rg = "rg-rollback";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");
		deploy(rg, site, "staging", "{\"version\":\"1.0.0\",\"healthy\":false}");

		Http.Response rollback = http.post("/api/v1/swaps/" + id + "/rollback", "");
		assertThat(rollback.status()).isEqualTo(202);
		JsonNode failed = awaitTerminal(rollback.json().get("id").asString());

		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").get("code").asString()).isEqualTo("WarmupFailed");
		assertThat(operation(id).get("rolledBackBy").isNull()).isTrue();
		deploy(rg, site, "staging", "{\"version\":\"1.0.0\",\"healthy\":true}");
		Http.Response again = http.post("/api/v1/swaps/" + id + "/rollback", "");
		assertThat(again.status()).as(again.body()).isEqualTo(202);
		assertThat(awaitTerminal(again.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
	}

	@Test
	void aRollbackCancelledThroughTheApiReopensTheOriginalInTheSameTransaction() {
		String rg = "rg-rollback";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");
		deploy(rg, site, "staging", "{\"version\":\"1.0.0\",\"healthy\":false}");
		String rollbackId = http.post("/api/v1/swaps/" + id + "/rollback", "").json().get("id").asString();
		awaitState(rollbackId, "WARMING_UP");

		Http.Response cancelled = http.post("/api/v1/swaps/" + rollbackId + "/cancel", "");

		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.json().get("state").asString()).isEqualTo("CANCELLED");
		assertThat(operation(id).get("rolledBackBy").isNull()).as("re-opened at once, not later").isTrue();
		deploy(rg, site, "staging", "{\"version\":\"1.0.0\",\"healthy\":true}");
		Http.Response again = http.post("/api/v1/swaps/" + id + "/rollback", "");
		assertThat(again.status()).as(again.body()).isEqualTo(202);
		assertThat(awaitTerminal(again.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void aSwapThatFailedBeforeSwappingCannotBeRolledBack() {
		String rg = "rg-rollback";
		String site = newSite(rg);
		deploy(rg, site, "staging", "{\"version\":\"9.9.9\",\"healthy\":false}");
		String id = requestSwap("{\"resourceGroup\":\"" + rg + "\",\"site\":\"" + site
				+ "\",\"sourceSlot\":\"staging\",\"warmup\":{\"timeoutSeconds\":5}}");
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("FAILED");

		assertThat(http.post("/api/v1/swaps/" + id + "/rollback", "").status()).isEqualTo(409);
	}

	@Test
	void aSwapThatAzureFailsTransientlyIsSentAgainAndSucceedsOnce() {
		String rg = "rg-azure-fails";
		String site = newSite(rg);
		faults("{\"failNextSwaps\":2}");

		String id = requestSwap(swapRequest(rg, site, ""));
		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(http.get("/api/v1/swaps/" + id + "/events?type=NOTE").body()).contains("retry 1 of 3")
			.contains("retry 2 of 3");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
		assertThat(http.get("/emulator/control/sites/" + rg + "/" + site).json().get("swapCount").asInt())
			.as("exactly one swap took effect").isEqualTo(1);
	}

	@Test
	void aSwapThatAzureKeepsFailingEndsFailedWithAzuresErrorAndBothSlotsAsTheyWere() {
		String rg = "rg-azure-fails";
		String site = newSite(rg);
		faults("{\"failNextSwaps\":4}");

		JsonNode done = awaitTerminal(requestSwap(swapRequest(rg, site, "")));

		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("BadRequest");
		assertThat(done.get("error").get("message").asString()).contains("Please retry");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		assertThat(buildServedBy(site, "staging")).isEqualTo("1.1.0");
	}

	@Test
	void aRollbackThatAzureFailsEndsRollbackFailedAndDegradesHealth() {
		String site = newSite(RG);
		deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true,\"failsInProduction\":true}");
		String id = requestSwap(swapRequest(RG, site, ""));
		awaitState(id, "VERIFYING");
		faults("{\"failNextSwaps\":4}");

		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("RollbackFailed");
		assertThat(transitions(id)).endsWith("VERIFYING", "ROLLING_BACK", "FAILED");
		JsonNode health = http.get("/actuator/health").json().get("components").get("swaps");
		assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
		assertThat(health.get("details").get("rollbackFailedLast24h").toString()).contains(id);
	}
}
