package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ConcurrencyAndIdempotencyIT extends FullStackSupport {

	static final String RG = "rg-concurrency";

	@Test
	void fourConcurrentRequestsOnOneSiteGiveOneAcceptedAndThreeConflictsNamingTheWinner() throws Exception {
		String site = newSite(RG);
		List<Http.Response> responses = atOnce(i -> http.post("/api/v1/swaps",
				swapRequest(RG, i % 2 == 0 ? site : site.toUpperCase(), "\"reason\":\"racer\"")));
		List<Http.Response> accepted = responses.stream().filter(r -> r.status() == 202).toList();
		List<Http.Response> conflicts = responses.stream().filter(r -> r.status() == 409).toList();
		assertThat(accepted).hasSize(1);
		assertThat(conflicts).hasSize(3);
		String winner = accepted.get(0).json().get("id").asString();
		for (Http.Response conflict : conflicts) {
			assertThat(conflict.contentType()).startsWith("application/problem+json");
			assertThat(conflict.json().get("activeSwapId").asString()).isEqualTo(winner);
			assertThat(conflict.json().get("status").asInt()).isEqualTo(409);
		}
		assertThat(awaitTerminal(winner).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(http.get("/api/v1/swaps?site=" + site).json().get("page").get("totalElements").asInt())
			.isEqualTo(1);
	}

	@Test
	void fourConcurrentRequestsWithTheSameIdempotencyKeyMakeOneOperationAndReplayIt() throws Exception {
		String site = newSite(RG);
		List<Http.Response> responses = atOnce(i -> http.post("/api/v1/swaps",
				swapRequest(RG, site, "\"reason\":\"pipeline run 42\""), "Idempotency-Key", "run-42-" + site));
		assertThat(responses).extracting(Http.Response::status).containsOnly(202);
		assertThat(responses).extracting(r -> r.json().get("id").asString()).containsOnly(
				responses.get(0).json().get("id").asString());
		assertThat(responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count())
			.isEqualTo(3);
		assertThat(http.get("/api/v1/swaps?site=" + site).json().get("page").get("totalElements").asInt())
			.isEqualTo(1);
		awaitTerminal(responses.get(0).json().get("id").asString());
	}

	@Test
	void theSameIdempotencyKeyReplaysTheFirstOperationEvenWhileItRuns() {
		String site = newSite(RG);
		String body = swapRequest(RG, site, "\"reason\":\"pipeline run 42\"");

		Http.Response first = http.post("/api/v1/swaps", body, "Idempotency-Key", "run-42");
		Http.Response replay = http.post("/api/v1/swaps", body, "Idempotency-Key", "run-42");

		assertThat(first.status()).isEqualTo(202);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		String id = first.json().get("id").asString();
		assertThat(replay.json().get("id").asString()).isEqualTo(id);
		assertThat(replay.header("Location")).isEqualTo("/api/v1/swaps/" + id);

		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		Http.Response late = http.post("/api/v1/swaps", body, "Idempotency-Key", "run-42");
		assertThat(late.status()).isEqualTo(202);
		assertThat(late.json().get("id").asString()).isEqualTo(id);
		assertThat(late.json().get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(http.get("/api/v1/swaps?site=" + site).json().get("page").get("totalElements").asInt())
			.isEqualTo(1);
	}

	@Test
	void reusingAnIdempotencyKeyWithADifferentRequestIsRefusedWith422() {
		String site = newSite(RG);
		Http.Response first = http.post("/api/v1/swaps", swapRequest(RG, site, "\"reason\":\"a\""),
				"Idempotency-Key", "key-for-a");
		long before = countOperations();

		Http.Response reused = http.post("/api/v1/swaps", swapRequest(RG, site, "\"reason\":\"b\""),
				"Idempotency-Key", "key-for-a");

		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.contentType()).startsWith("application/problem+json");
		assertThat(reused.json().get("title").asString()).contains("Idempotency-Key");
		assertThat(countOperations()).isEqualTo(before);
		awaitTerminal(first.json().get("id").asString());
	}

	@Test
	void aNewSwapIsAcceptedOnceThePreviousOneEnded() {
		String site = newSite(RG);
		String first = http.post("/api/v1/swaps", swapRequest(RG, site, "")).json().get("id").asString();
		Http.Response busy = http.post("/api/v1/swaps", swapRequest(RG, site, ""));
		assertThat(busy.status()).isEqualTo(409);
		assertThat(busy.json().get("activeSwapId").asString()).isEqualTo(first);

		awaitTerminal(first);

		Http.Response second = http.post("/api/v1/swaps", swapRequest(RG, site, ""));
		assertThat(second.status()).isEqualTo(202);
		assertThat(awaitTerminal(second.json().get("id").asString()).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(buildServedBy(site, "production")).as("two swaps put the first build back").isEqualTo("1.0.0");
	}

	/** Four requests released at the same instant; their answers in order. */
	private static List<Http.Response> atOnce(java.util.function.IntFunction<Http.Response> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Http.Response>> answers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				int n = i;
				Callable<Http.Response> call = () -> {
					start.await();
					return request.apply(n);
				};
				answers.add(pool.submit(call));
			}
			start.countDown();
			List<Http.Response> responses = new ArrayList<>();
			for (Future<Http.Response> answer : answers) {
				responses.add(answer.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
