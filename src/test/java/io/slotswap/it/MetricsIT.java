package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The swap metrics as Prometheus scrapes them (a viewer's token; anonymous scrapes are refused). */
class MetricsIT extends FullStackSupport {

	@Test
	void anEndedSwapIsCountedAndTimedByModeAndOutcome() {
		String rg = "rg-metrics";
		awaitTerminal(requestSwap(swapRequest(rg, newSite(rg), "")));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Http.Response scrape = http.as(Http.VIEWER).get("/actuator/prometheus");
			assertThat(scrape.status()).isEqualTo(200);
			assertThat(scrape.body()).containsPattern("slotswap_swaps_active\\{[^}]*state=\"SWAPPING\"")
				.containsPattern("slotswap_swaps_active\\{[^}]*state=\"AWAITING_APPROVAL\"")
				.doesNotContainPattern("slotswap_swaps_active\\{[^}]*state=\"SUCCEEDED\"")
				.containsPattern("slotswap_arm_requests_seconds_count\\{[^}]*operation=\"POST sites/slots/slotsswap\""
						+ "[^}]*status=\"20[02]\"[^}]*\\} [1-9]")
				.containsPattern("slotswap_arm_requests_seconds_count\\{[^}]*operation=\"GET sites/slots\"")
				.doesNotContain(rg)
				.containsPattern("slotswap_swaps_total\\{[^}]*outcome=\"SUCCEEDED\"[^}]*\\} [1-9]")
				.containsPattern("slotswap_swap_duration_seconds_count\\{[^}]*mode=\"SWAP\"[^}]*outcome=\"SUCCEEDED\"")
				.containsPattern("slotswap_step_duration_seconds_count\\{[^}]*state=\"SWAPPING\"")
				.containsPattern("slotswap_lease_claims_total\\{[^}]*takeover=\"false\"");
		});
		assertThat(http.as(null).get("/actuator/prometheus").status()).isEqualTo(401);
	}
}
