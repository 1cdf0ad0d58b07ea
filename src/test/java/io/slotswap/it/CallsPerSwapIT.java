package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Resource Manager requests one swap costs, counted three ways that must agree: on the wire by
 * the emulator, by shape in {@code slotswap_arm_requests_seconds}, and for the operation itself in
 * {@code slotswap_swap_arm_requests}. Besides the polls (one per {@code Retry-After}), a SWAP into
 * production takes 8: the API's lookup of the source slot, VALIDATING's four reads (the site, its
 * slots, the source's configuration and app settings), the two slots' last swap read right before
 * the POST, and the POST.
 */
class CallsPerSwapIT extends FullStackSupport {

	private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+)$");

	@Test
	void aSwapIntoProductionMakesEightRequestsBesidesItsPollsAndIsCountedForItsOperation() {
		String rg = "rg-calls";
		String site = newSite(rg);
		String before = scrape();
		assertThat(http.delete("/emulator/control/stats").status()).isEqualTo(204);

		String id = requestSwap(swapRequest(rg, site, "\"mode\":\"SWAP\""));
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> sum(scrape(), "slotswap_swap_arm_requests_count", "outcome=\"SUCCEEDED\"") > sum(before,
					"slotswap_swap_arm_requests_count", "outcome=\"SUCCEEDED\""));
		String after = scrape();
		JsonNode served = http.get("/emulator/control/stats").json();

		double wire = served.get("armReads").asDouble() + served.get("armWrites").asDouble();
		double byShape = delta(before, after, "slotswap_arm_requests_seconds_count", "");
		double polls = delta(before, after, "slotswap_arm_requests_seconds_count", "operation=\"GET operationResults\"");
		double forTheOperation = delta(before, after, "slotswap_swap_arm_requests_sum", "mode=\"SWAP\"");

		assertThat(byShape).as("every request the emulator served was counted").isEqualTo(wire);
		assertThat(forTheOperation).as("and each of them counts for the operation").isEqualTo(wire);
		assertThat(polls).as("polls, one per Retry-After of a 0.3 s swap").isBetween(1.0, 3.0);
		assertThat(forTheOperation - polls).isEqualTo(8);
		assertThat(delta(before, after, "slotswap_arm_requests_seconds_count", "operation=\"GET sites/config/web\""))
			.as("production's configuration is not read").isZero();
		assertThat(delta(before, after, "slotswap_arm_requests_seconds_count", "operation=\"POST sites/slots/slotsswap\""))
			.isEqualTo(1);
	}

	private String scrape() {
		Http.Response scrape = http.as(Http.VIEWER).get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		return scrape.body();
	}

	private static double delta(String before, String after, String name, String label) {
		return sum(after, name, label) - sum(before, name, label);
	}

	/** The sum of the samples of {@code name} whose labels contain {@code label}. */
	private static double sum(String scrape, String name, String label) {
		double total = 0;
		Matcher sample = SAMPLE.matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).equals(name) && (sample.group(2) == null ? "" : sample.group(2)).contains(label)) {
				total += Double.parseDouble(sample.group(3));
			}
		}
		return total;
	}
}
