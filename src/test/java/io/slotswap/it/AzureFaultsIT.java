package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A flaky Resource Manager (throttling with Retry-After, transient 500/503, a swap failed with
 * Azure's transient 400): the swap still succeeds, exactly once, within bounded retries.
 */
// A 500/503 on the swap POST is an answer that may have been lost after Azure acted: the engine
// watches the slots for lost-answer-wait before it sends again. The emulator's transient errors
// come before it acts, so this test waits 3 s instead of the shipped 2 min (ExactlyOnceIT runs on those).
@TestPropertySource(properties = "slotswap.engine.lost-answer-wait=3s")
class AzureFaultsIT extends FullStackSupport {

	static final String RG = "rg-faults";

	@Test
	void aSwapSucceedsOnceThroughThrottlingTransientErrorsAndATransientSwapFailure() {
		String site = newSite(RG);
		String id = requestSwap(swapRequest(RG, site, ""));
		faults("{\"throttleEveryNth\":4,\"transientErrorRate\":0.2,\"failNextSwaps\":1}");

		JsonNode done = awaitTerminal(id);
		faults("{\"throttleEveryNth\":0,\"transientErrorRate\":0.0,\"failNextSwaps\":0}");

		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(http.get("/emulator/control/sites/" + RG + "/" + site).json().get("swapCount").asInt()).isEqualTo(1);
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
		assertThat(http.get("/api/v1/swaps/" + id + "/events?type=NOTE").body()).contains("retry 1 of 3");
	}

	@Test
	void aRequestWhileResourceManagerThrottlesIsStillAcceptedAfterTheSdkWaited() {
		String site = newSite(RG);
		faults("{\"throttleEveryNth\":2}");

		Http.Response accepted = http.post("/api/v1/swaps", swapRequest(RG, site, ""));
		faults("{\"throttleEveryNth\":0}");

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		assertThat(awaitTerminal(accepted.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
	}
}
