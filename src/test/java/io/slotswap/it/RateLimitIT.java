package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shipped rate limit (60 POSTs a minute per principal), on the shipped defaults. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitIT {

	@LocalServerPort
	int port;

	@Test
	void aPrincipalPastItsLimitGets429WithRetryAfterAndOthersAreNotSlowedDown() {
		Http operator = new Http(port).as(Http.OPERATOR);
		for (int i = 0; i < 60; i++) {
			assertThat(operator.post("/api/v1/swaps", "{}").status()).as("request %d", i + 1).isEqualTo(400);
		}

		Http.Response limited = operator.post("/api/v1/swaps", "{}");

		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.contentType()).startsWith("application/problem+json");
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(new Http(port).as(Http.ADMIN).post("/api/v1/swaps", "{}").status()).as("another principal")
			.isEqualTo(400);
		assertThat(operator.get("/api/v1/swaps").status()).as("reads are not limited").isEqualTo(200);
	}
}
