package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A control plane whose Resource Manager endpoint does not answer: requests get 503 with
 * Retry-After and nothing is persisted; health reports {@code azure} DOWN but readiness stays UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "slotswap.azure.resource-manager-endpoint=http://127.0.0.1:1/emulator/arm",
				"slotswap.azure.max-retries=1", "slotswap.azure.retry-delay=50ms" })
class AzureUnreachableIT {

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void connect() {
		http = new Http(port);
	}

	@Test
	void aSwapRequestIsAnswered503WithRetryAfterAndNothingIsPersisted() {
		Http.Response response = http.post("/api/v1/swaps",
				"{\"resourceGroup\":\"rg-dss-demo\",\"site\":\"dss-helloworldapp-prod\",\"sourceSlot\":\"staging\"}",
				"Idempotency-Key", "while-azure-is-down");

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
		assertThat(response.json().get("status").asInt()).isEqualTo(503);
		assertThat(response.body()).doesNotContain("127.0.0.1:1").doesNotContainIgnoringCase("exception");
		assertThat(http.get("/api/v1/swaps").json().get("page").get("totalElements").asInt()).isZero();
	}

	@Test
	void theBuiltInEmulatorIsNotStartedWhenAnotherEndpointIsConfigured() {
		assertThat(http.get("/emulator/sites/dss-helloworldapp-prod.emulator.local/").status()).isEqualTo(404);
	}

	@Test
	void healthShowsAzureDownWhileReadinessStaysUp() {
		Http.Response health = http.get("/actuator/health");
		assertThat(health.body()).contains("\"azure\":{").contains("DOWN");
		Http.Response readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
	}
}
