package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Exactly once, ambiguous answers included: Azure performs the swap but its answer is lost (504, or
 * a dropped connection). The swap POST is never re-sent by a pipeline; the engine reconciles through
 * the slots' slotSwapStatus before it sends anything again. The builds tell how often it swapped.
 * On the shipped engine defaults (no test tuning of the lost-answer wait).
 */
class ExactlyOnceIT extends FullStackSupport {

	static final String RG = "rg-exactly-once";

	int swapPosts(String site) {
		return http.get("/emulator/control/sites/" + RG + "/" + site).json().get("operations").size();
	}

	int swapCount(String site) {
		return http.get("/emulator/control/sites/" + RG + "/" + site).json().get("swapCount").asInt();
	}

	@Test
	void aSwapWhoseAnswerIsLostIsPerformedOnceAndSucceeds() {
		// two in a row: the emulator answers one with 504 and drops the connection of the other
		for (int i = 0; i < 2; i++) {
			String site = newSite(RG);
			faults("{\"ambiguousSwaps\":1}");
			String id = requestSwap(swapRequest(RG, site, ""));

			JsonNode done = awaitTerminal(id);

			assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
			assertThat(swapPosts(site)).as("the swap POST went out once").isEqualTo(1);
			assertThat(swapCount(site)).isEqualTo(1);
			assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
			assertThat(http.get("/api/v1/swaps/" + id + "/events?type=NOTE").body()).contains("answer was lost");
		}
	}

	@Test
	void aRollbackWhoseAnswerIsLostIsPerformedOnceAndEndsRolledBack() {
		String site = newSite(RG);
		deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true,\"failsInProduction\":true}");
		String id = requestSwap(swapRequest(RG, site,
				"\"verification\":{\"durationSeconds\":30,\"intervalSeconds\":1,\"failureThreshold\":2}"));
		awaitState(id, "VERIFYING");
		faults("{\"ambiguousSwaps\":1}");

		JsonNode done = awaitTerminal(id);

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("ROLLED_BACK");
		assertThat(swapPosts(site)).as("the swap and its rollback, each sent once").isEqualTo(2);
		assertThat(swapCount(site)).isEqualTo(2);
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
	}
}
