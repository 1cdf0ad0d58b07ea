package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * An operator's reconcile of a swap stuck in SWAPPING: refused before the report deadline and
 * outside SWAPPING/ROLLING_BACK; afterwards the engine asks Azure at once, and the history records
 * who asked and what Azure showed.
 */
@TestPropertySource(properties = "slotswap.engine.swap-report-after=3s")
class ReconcileIT extends FullStackSupport {

	static final String RG = "rg-reconcile";

	@Test
	void aStuckSwapIsReconciledOnAzuresWordAndTheHistorySaysWhoAsked() {
		String site = newSite(RG);
		faults("{\"swapDurationMillis\":9000}");
		String id = requestSwap(swapRequest(RG, site, ""));
		awaitState(id, "SWAPPING");

		Http.Response early = http.as(Http.ADMIN).post("/api/v1/swaps/" + id + "/reconcile", "");
		assertThat(early.status()).as(early.body()).isEqualTo(409);
		assertThat(early.body()).contains("swap-report-after");

		await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/swaps/" + id + "/events?type=NOTE")
			.body()
			.contains("Still SWAPPING after"));
		Http.Response reconcile = http.as(Http.ADMIN).post("/api/v1/swaps/" + id + "/reconcile", "");
		assertThat(reconcile.status()).as(reconcile.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/swaps/" + id + "/events?type=NOTE")
			.body()
			.contains("says the swap is still running"));

		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(http.get("/emulator/control/sites/" + RG + "/" + site).json().get("swapCount").asInt()).isEqualTo(1);
		assertThat(http.get("/api/v1/swaps/" + id + "/events?type=NOTE").body()).contains("Reconcile requested by");
	}

	@Test
	void onlyASwapInProgressCanBeReconciled() {
		String site = newSite(RG);
		String id = requestSwap(swapRequest(RG, site, ""));
		awaitTerminal(id);

		Http.Response answer = http.as(Http.ADMIN).post("/api/v1/swaps/" + id + "/reconcile", "");

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.header("Content-Type")).contains("application/problem+json");
	}
}
