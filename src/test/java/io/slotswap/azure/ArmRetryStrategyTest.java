package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArmRetryStrategyTest {

	private final ArmRetryStrategy strategy = new ArmRetryStrategy(3, Duration.ofMillis(500), Duration.ofSeconds(2));

	@Test
	void throttling_and_transient_server_errors_are_retried() {
		for (int status : new int[] { 429, 500, 502, 503, 504 }) {
			assertThat(strategy.shouldRetry(new TestHttpResponse(status, Map.of(), null))).as("%s", status).isTrue();
		}
	}

	@Test
	void client_errors_and_permanent_server_errors_are_not() {
		for (int status : new int[] { 200, 202, 400, 401, 403, 404, 409, 417, 501, 505 }) {
			assertThat(strategy.shouldRetry(new TestHttpResponse(status, Map.of(), null))).as("%s", status).isFalse();
		}
	}

	@Test
	void a_retry_after_within_the_cap_is_retried_and_a_longer_one_is_handed_back() {
		assertThat(strategy.shouldRetry(new TestHttpResponse(429, Map.of("Retry-After", "2"), null))).isTrue();
		assertThat(strategy.shouldRetry(new TestHttpResponse(429, Map.of("Retry-After", "3"), null))).isFalse();
		assertThat(strategy.shouldRetry(new TestHttpResponse(503, Map.of("x-ms-retry-after-ms", "2500"), null)))
			.isFalse();
	}

	@Test
	void io_errors_are_retried_other_failures_are_not() {
		assertThat(strategy.shouldRetryException(new ConnectException("refused"))).isTrue();
		assertThat(strategy.shouldRetryException(new UncheckedIOException(new IOException("reset")))).isTrue();
		assertThat(strategy.shouldRetryException(new TimeoutException())).isTrue();
		assertThat(strategy.shouldRetryException(new IllegalStateException())).isFalse();
	}

	@Test
	void the_back_off_doubles_from_the_first_delay_up_to_the_cap() {
		assertThat(strategy.getMaxRetries()).isEqualTo(3);
		assertThat(strategy.calculateRetryDelay(0)).isBetween(Duration.ofMillis(475), Duration.ofMillis(526));
		assertThat(strategy.calculateRetryDelay(1)).isBetween(Duration.ofMillis(950), Duration.ofMillis(1051));
		assertThat(strategy.calculateRetryDelay(2)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(2));
		assertThat(strategy.calculateRetryDelay(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(strategy.calculateRetryDelay(40)).isEqualTo(Duration.ofSeconds(2));
	}
}
