package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/swaps/{id}?waitSeconds=N}: the long poll a pipeline follows an operation with. */
class LongPollIT extends FullStackSupport {

	@Test
	void aLongPollAnswersAsSoonAsTheOperationHasEnded() {
		String rg = "rg-longpoll";
		String site = newSite(rg);
		faults("{\"swapDurationMillis\":2000}");
		String id = requestSwap(swapRequest(rg, site, ""));

		long started = System.nanoTime();
		Http.Response answer = http.get("/api/v1/swaps/" + id + "?waitSeconds=60");
		Duration waited = Duration.ofNanos(System.nanoTime() - started);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(answer.json().get("terminal").asBoolean()).isTrue();
		assertThat(waited).as("answered when the swap ended, not at the end of the wait")
			.isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void aLongPollOnAnOperationThatDoesNotEndAnswersAfterTheWaitWithItsStateThen() {
		String rg = "rg-approval-longpoll";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "AWAITING_APPROVAL");

		long started = System.nanoTime();
		Http.Response answer = http.get("/api/v1/swaps/" + id + "?waitSeconds=2");
		Duration waited = Duration.ofNanos(System.nanoTime() - started);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("state").asString()).isEqualTo("AWAITING_APPROVAL");
		assertThat(answer.json().get("terminal").asBoolean()).isFalse();
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void anEndedOperationOrAZeroWaitAnswersAtOnce() {
		String rg = "rg-approval-longpoll";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));

		long started = System.nanoTime();
		Http.Response answer = http.get("/api/v1/swaps/" + id + "?waitSeconds=0");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(http.post("/api/v1/swaps/" + id + "/cancel", "").status()).isEqualTo(200);
		JsonNode cancelled = awaitTerminal(id);
		started = System.nanoTime();
		assertThat(http.get("/api/v1/swaps/" + id + "?waitSeconds=60").json()).isEqualTo(cancelled);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aWaitOutsideZeroToSixtySecondsOrAnUnknownOperationIsAProblem() {
		String rg = "rg-approval-longpoll";
		String id = requestSwap(swapRequest(rg, newSite(rg), ""));
		for (String wait : List.of("61", "-1", "abc", "1.5")) {
			Http.Response answer = http.get("/api/v1/swaps/" + id + "?waitSeconds=" + wait);
			assertThat(answer.status()).as(wait + ": " + answer.body()).isEqualTo(400);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		}
		Http.Response unknown = http.get("/api/v1/swaps/00000000-0000-0000-0000-00000000abcd?waitSeconds=5");
		assertThat(unknown.status()).isEqualTo(404);
	}

	@Test
	void oneCallerMayHoldFiftyLongPollsTheNextIsToldToComeBackLaterAndAllAnswerWhenTheOperationEnds()
			throws Exception {
		String rg = "rg-approval-longpoll";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "AWAITING_APPROVAL");
		Http viewer = http.as(Http.VIEWER);

		ExecutorService callers = Executors.newFixedThreadPool(50);
		List<CompletableFuture<Http.Response>> polls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			polls.add(CompletableFuture.supplyAsync(() -> viewer.get("/api/v1/swaps/" + id + "?waitSeconds=25"),
					callers));
		}
		// a probe admitted before all fifty are in waits one second, then the next probe is tried
		org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Http.Response refused = viewer.get("/api/v1/swaps/" + id + "?waitSeconds=1");
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.header("Retry-After")).isNotBlank();
		});
		assertThat(http.get("/api/v1/swaps/" + id + "?waitSeconds=0").status())
			.as("another caller, and a read without waiting, are served meanwhile").isEqualTo(200);

		long cancelled = System.nanoTime();
		assertThat(http.post("/api/v1/swaps/" + id + "/cancel", "").status()).isEqualTo(200);
		int answered = 0;
		for (CompletableFuture<Http.Response> poll : polls) {
			Http.Response answer = poll.get();
			// a probe that came in before the fifty took one place: that poll was the one refused
			assertThat(answer.status()).as(answer.body()).isIn(200, 429);
			if (answer.status() == 200) {
				assertThat(answer.json().get("terminal").asBoolean()).isTrue();
				answered++;
			}
		}
		assertThat(answered).isGreaterThanOrEqualTo(45);
		assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).as("answered when it ended, not at 25 s")
			.isLessThan(Duration.ofSeconds(15));
		callers.shutdown();
	}
}
