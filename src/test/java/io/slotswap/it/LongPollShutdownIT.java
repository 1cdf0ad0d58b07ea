package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

/**
 * A replica that is stopped (SIGTERM, as a rolling upgrade does) answers its long polls at once with
 * the operation as it is, instead of holding its shutdown until they time out.
 */
class LongPollShutdownIT {

	@Test
	void aStoppingReplicaAnswersItsLongPollsAtOnceAndStopsPromptly() throws Exception {
		try (SlotswapProcess service = SlotswapProcess
			.standalone("long-poll-shutdown", "--slotswap.policies[0].resource-group=rg-dss-demo",
					"--slotswap.policies[0].require-approval=true")
			.awaitReady()) {
			Http http = service.http();
			Http.Response accepted = http.post("/api/v1/swaps",
					"{\"resourceGroup\":\"rg-dss-demo\",\"site\":\"dss-helloworldapp-prod\",\"sourceSlot\":\"staging\","
							+ "\"warmup\":{\"consecutiveSuccesses\":1}}");
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			String id = accepted.json().get("id").asString();
			await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL"
				.equals(http.get("/api/v1/swaps/" + id).json().get("state").asString()));

			ExecutorService callers = Executors.newFixedThreadPool(3);
			List<CompletableFuture<Http.Response>> polls = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				polls.add(CompletableFuture.supplyAsync(() -> http.get("/api/v1/swaps/" + id + "?waitSeconds=60"),
						callers));
			}
			Thread.sleep(1500);
			long stopping = System.nanoTime();
			int exit = service.terminate(Duration.ofSeconds(25));
			Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

			for (CompletableFuture<Http.Response> poll : polls) {
				Http.Response answer = poll.join();
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				assertThat(answer.json().get("state").asString()).isEqualTo("AWAITING_APPROVAL");
			}
			assertThat(stopped).as("not held for the polls' 60 s, nor the 30 s drain").isLessThan(Duration.ofSeconds(20));
			assertThat(exit).isIn(0, 143);
			callers.shutdown();
		}
	}
}
