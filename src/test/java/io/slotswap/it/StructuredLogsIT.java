package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The logs of the packaged service: JSON (ECS) with one property, as the container runs it, and
 * every line a step writes names its operation.
 */
class StructuredLogsIT {

	@Test
	void withOnePropertyEveryLineIsJsonAndTheLinesOfAStepNameItsOperation() throws Exception {
		try (SlotswapProcess service = SlotswapProcess
			.standalone("json-logs", "--logging.structured.format.console=ecs")
			.awaitReady()) {
			Http http = service.http();
			Http.Response accepted = http.post("/api/v1/swaps",
					"{\"resourceGroup\":\"rg-dss-demo\",\"site\":\"dss-helloworldapp-prod\",\"sourceSlot\":\"staging\","
							+ "\"reason\":\"line one\\nFAKE line two\",\"warmup\":{\"consecutiveSuccesses\":1}}");
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			String id = accepted.json().get("id").asString();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> http.get("/api/v1/swaps/" + id).json().get("terminal").asBoolean());

			await().atMost(Duration.ofSeconds(10)).until(() -> service.output().contains("-> SUCCEEDED"));
			List<String> lines = service.output().lines().filter(line -> !line.isBlank()).toList();
			assertThat(lines).hasSizeGreaterThan(10);
			List<JsonNode> records = lines.stream().map(Http.JSON::readTree).toList();
			assertThat(records).allSatisfy(record -> {
				assertThat(record.has("@timestamp")).isTrue();
				assertThat(record.get("log").get("level").asString()).isNotBlank();
			});
			List<JsonNode> transitions = records.stream()
				.filter(r -> r.get("log").get("logger").asString().endsWith(".TransitionLog"))
				.filter(r -> r.get("message").asString().startsWith("Swap " + id + " "))
				.toList();
			assertThat(transitions).extracting(r -> r.get("message").asString())
				.anyMatch(m -> m.contains("WARMING_UP -> SWAPPING"))
				.anyMatch(m -> m.contains("SWAPPING -> SUCCEEDED"));
			assertThat(transitions).allSatisfy(r -> assertThat(r.get("operationId").asString()).isEqualTo(id));
			assertThat(records).filteredOn(r -> r.get("process").get("thread").get("name").asString()
				.startsWith("swap-worker"))
				.isNotEmpty()
				.allSatisfy(r -> assertThat(r.get("operationId").asString()).isEqualTo(id));
			assertThat(service.output()).as("a caller's text cannot forge a line").doesNotContain("\nFAKE");
		}
	}
}
