package io.slotswap.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EnginePropertiesTest {

	static EngineProperties defaults() {
		return new EngineProperties(Duration.ofSeconds(1), Duration.ofSeconds(15), 8, Duration.ofSeconds(5),
				Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(2), Duration.ofSeconds(60), 3, 10, 3,
				10, 3, Duration.ofMinutes(2));
	}

	@Test
	void backOffDoublesUpToItsCapAndHonoursALongerRetryAfter() {
		EngineProperties properties = defaults();

		assertThat(properties.backoff(1, null)).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.backoff(3, null)).isEqualTo(Duration.ofSeconds(8));
		assertThat(properties.backoff(30, null)).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.backoff(1, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void aLeaseShorterThanTwoSecondsIsRefused() {
		assertThatThrownBy(() -> new EngineProperties(Duration.ofSeconds(1), Duration.ofMillis(500), 8,
				Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(2),
				Duration.ofSeconds(60), 3, 10, 3, 10, 3, Duration.ofMinutes(2)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("lease-duration");
	}
}
