package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The logs and traces of the packaged service: JSON (ECS) logs with one property, as the container
 * runs it, every line a step writes naming its operation; and with an OTLP endpoint set, each step
 * exported as a span (one process for both: a start-up is the expensive part).
 */
class StructuredLogsIT {

	@Test
	void withOnePropertyEveryLineIsJsonTheLinesOfAStepNameItsOperationAndWithAnEndpointStepsAreExported()
			throws Exception {
		List<byte[]> exported = new CopyOnWriteArrayList<>();
		HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		collector.createContext("/v1/traces", exchange -> {
			exported.add(exchange.getRequestBody().readAllBytes());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		try (SlotswapProcess service = SlotswapProcess
			.standalone("json-logs", "--logging.structured.format.console=ecs",
					"--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
							+ collector.getAddress().getPort() + "/v1/traces",
					"--management.tracing.sampling.probability=1.0",
					"--management.opentelemetry.tracing.export.schedule-delay=500ms")
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

			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(exported.stream()
				.map(body -> new String(body, StandardCharsets.ISO_8859_1))
				.filter(body -> body.contains("swap step") && body.contains(id))).as("a span per step, tagged")
				.isNotEmpty());
		}
		finally {
			collector.stop(0);
		}
	}
}
