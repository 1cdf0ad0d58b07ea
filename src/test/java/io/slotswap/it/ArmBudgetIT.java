package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Resource Manager's budget spent on slotswap's side: with the emulator enforcing the same token
 * buckets as Azure does (429 + Retry-After), a burst of swaps on one subscription all succeed and
 * Azure never has to say no. The budget here is small so that ten swaps exhaust it, and slotswap is told
 * the emulator's very figures, as it is told Azure's by default (of which it spends nine tenths:
 * neither side sees the other's clock).
 */
@TestPropertySource(properties = { "slotswap.azure.budget.reads-per-second=4", "slotswap.azure.budget.read-burst=15",
		"slotswap.azure.budget.writes-per-second=1", "slotswap.azure.budget.write-burst=2" })
class ArmBudgetIT extends FullStackSupport {

	static final String BUDGET = "{\"readsPerSecond\":4,\"readBurst\":15,\"writesPerSecond\":1,\"writeBurst\":2}";

	@AfterEach
	void unlimited() {
		faults("{\"armBudget\":null}");
	}

	@Test
	void aBurstOfSwapsOnOneSubscriptionSpendsTheBudgetWithoutTrippingAzuresThrottling() {
		String rg = "rg-budget";
		String subscription = UUID.randomUUID().toString();
		List<String> sites = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			sites.add(newSite(rg));
		}
		faults("{\"armBudget\":" + BUDGET + "}");
		assertThat(http.delete("/emulator/control/stats").status()).isIn(200, 204);

		long started = System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (String site : sites) {
			Http.Response accepted = http.post("/api/v1/swaps",
					swapRequest(rg, site, "\"subscriptionId\":\"" + subscription + "\""));
			if (accepted.status() == 202) {
				ids.add(accepted.json().get("id").asString());
			}
			else {
				// a request's own reads wait for the budget at most max-wait, then it is told to come back
				assertThat(accepted.status()).as(accepted.body()).isIn(429, 503);
				assertThat(accepted.header("Retry-After")).isNotBlank();
			}
		}
		assertThat(ids).hasSizeGreaterThanOrEqualTo(5);

		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
			.until(() -> ids.stream().allMatch(id -> operation(id).get("terminal").asBoolean()));
		double seconds = (System.nanoTime() - started) / 1e9;
		for (String id : ids) {
			JsonNode done = operation(id);
			assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		}
		JsonNode stats = http.get("/emulator/control/stats").json();
		assertThat(stats.get("armBudgetThrottledReads").asLong()).as(stats.toString()).isZero();
		assertThat(stats.get("armBudgetThrottledWrites").asLong()).as(stats.toString()).isZero();
		// unpaced, ten 300 ms swaps end within a few seconds; paced, the writes beyond slotswap's burst (1)
		// go out at 0.9 per second
		double paced = (stats.get("armWrites").asLong() - 1) / 0.9;
		assertThat(seconds).as("the writes were paced by the budget (%s)", stats).isGreaterThanOrEqualTo(paced * 0.9);
	}
}
