package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CancelIT extends FullStackSupport {

	static final String RG = "rg-cancel";

	@Test
	void aSwapCancelledWhileValidatingEndsCancelledAndNothingMoves() {
		String site = newSite(RG);
		faults("{\"armLatencyMillis\":1500}");
		String id = requestSwap(swapRequest(RG, site, ""));
		awaitState(id, "VALIDATING");

		Http.Response cancelled = http.post("/api/v1/swaps/" + id + "/cancel", "");

		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		faults("{\"armLatencyMillis\":0}");
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "CANCELLED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
	}

	@Test
	void aPreviewCancelledWhileApplyingConfigIsResetBeforeItEnds() {
		String site = newSite(RG, "{\"ENVIRONMENT\":\"production\"}", "[\"ENVIRONMENT\"]", "staging");
		putAppSettings(RG, site, "staging", "{\"ENVIRONMENT\":\"staging\"}");
		faults("{\"armLatencyMillis\":700}");
		String id = requestSwap(swapRequest(RG, site, "\"mode\":\"PREVIEW\""));
		awaitState(id, "APPLYING_CONFIG");

		Http.Response cancelled = http.post("/api/v1/swaps/" + id + "/cancel", "");

		assertThat(cancelled.status()).isEqualTo(200);
		JsonNode done = awaitTerminal(id);
		faults("{\"armLatencyMillis\":0}");
		assertThat(done.get("state").asString()).isEqualTo("CANCELLED");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "APPLYING_CONFIG", "CANCELLED");
		assertThat(appSettings(RG, site, "staging").get("ENVIRONMENT").asString()).isEqualTo("staging");
		assertThat(http.get("/emulator/control/sites/" + RG + "/" + site).body()).doesNotContain("\"targetSwapSlot\":\"");
	}

	@Test
	void aSwapCancelledBeforeTheEngineTookItUpEndsCancelledFromPending() throws Exception {
		int count = 12;
		List<String> sites = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			sites.add(newSite(RG));
		}
		faults("{\"armLatencyMillis\":1500}");
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<String>> requested = new ArrayList<>();
			for (String site : sites) {
				requested.add(pool.submit(() -> {
					String id = requestSwap(swapRequest(RG, site, ""));
					assertThat(http.post("/api/v1/swaps/" + id + "/cancel", "").status()).isEqualTo(200);
					return id;
				}));
			}
			List<List<String>> histories = new ArrayList<>();
			for (Future<String> id : requested) {
				assertThat(awaitTerminal(id.get()).get("state").asString()).isEqualTo("CANCELLED");
				histories.add(transitions(id.get()));
			}
			assertThat(histories).as("more operations than workers: some were still PENDING when cancelled")
				.contains(List.of("PENDING", "CANCELLED"));
		}
		finally {
			pool.shutdownNow();
			faults("{\"armLatencyMillis\":0}");
		}
		for (String site : sites) {
			assertThat(buildServedBy(site, "production")).isEqualTo("1.0.0");
		}
	}

	@Test
	void aPreviewWhoseSlotVanishesWhileApplyingConfigFailsAndTheTargetIsUntouched() {
		String site = newSite(RG, "{\"ENVIRONMENT\":\"production\"}", "[\"ENVIRONMENT\"]", "staging");
		faults("{\"armLatencyMillis\":2000}");
		String id = requestSwap(swapRequest(RG, site, "\"mode\":\"PREVIEW\""));
		awaitState(id, "APPLYING_CONFIG");

		Http.Response replaced = http.put("/emulator/control/sites/" + RG + "/" + site,
				"{\"slots\":[],\"appSettings\":{\"ENVIRONMENT\":\"production\"},\"stickyAppSettings\":[\"ENVIRONMENT\"]}");
		assertThat(replaced.status()).isEqualTo(200);
		JsonNode done = awaitTerminal(id);
		faults("{\"armLatencyMillis\":0}");

		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("SlotNotFound");
		assertThat(transitions(id)).containsExactly("PENDING", "VALIDATING", "APPLYING_CONFIG", "FAILED");
		assertThat(slotSite(site, "production").status()).isEqualTo(200);
	}

	@Test
	void cancellingIsRefusedOnceAzureIsSwapping() {
		String site = newSite(RG);
		faults("{\"swapDurationMillis\":4000}");
		String id = requestSwap(swapRequest(RG, site, ""));
		awaitState(id, "SWAPPING");

		Http.Response refused = http.post("/api/v1/swaps/" + id + "/cancel", "");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("state").asString()).isEqualTo("SWAPPING");
		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
	}
}
