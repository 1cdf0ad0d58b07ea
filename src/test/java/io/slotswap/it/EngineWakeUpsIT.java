package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Work that waits is woken when it can go on, not found on the engine's next look: here the engine
 * looks only every 20 s, so anything that waited for it would take that long.
 */
@TestPropertySource(properties = { "slotswap.engine.poll-interval=20s",
		"slotswap.engine.max-concurrent-swaps-per-subscription=1" })
class EngineWakeUpsIT extends FullStackSupport {

	@Test
	void aSwapWhosePollsArePacedByAzuresRetryAfterEndsLongBeforeTheEnginesNextLook() {
		String rg = "rg-wakeups";
		String id = requestSwap(swapRequest(rg, newSite(rg), ""));
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(seconds(done.get("createdAt"), done.get("completedAt")))
			.as("one probe, the POST and a poll 1 s later (Retry-After), each run when due")
			.isLessThan(8);
	}

	@Test
	void aSwapWaitingForATurnOfItsSubscriptionStartsAsSoonAsTheTurnFrees() {
		faults("{\"swapDurationMillis\":3000}");
		String rg = "rg-wakeups";
		String first = requestSwap(swapRequest(rg, newSite(rg), ""));
		awaitState(first, "SWAPPING");
		String second = requestSwap(swapRequest(rg, newSite(rg), ""));

		JsonNode firstDone = awaitTerminal(first);
		JsonNode secondDone = awaitTerminal(second);
		assertThat(firstDone.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(secondDone.get("state").asString()).isEqualTo("SUCCEEDED");
		String notes = http.get("/api/v1/swaps/" + second + "/events").body();
		assertThat(notes).as("the cap of one swap at a time held it back").contains("Waiting for a turn");
		assertThat(seconds(firstDone.get("completedAt"), secondDone.get("completedAt")))
			.as("its own 3 s swap after the first ended, not the 30 s re-check or the engine's 20 s look")
			.isLessThan(10);
	}

	private static double seconds(JsonNode from, JsonNode to) {
		return Duration.between(Instant.parse(from.asString()), Instant.parse(to.asString())).toMillis() / 1000.0;
	}
}
