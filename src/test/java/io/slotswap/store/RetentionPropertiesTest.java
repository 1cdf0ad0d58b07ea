package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RetentionPropertiesTest {

	@Test
	void byDefaultKeysAreKeptSevenDaysAndOperationsForEver() {
		RetentionProperties defaults = bind(Map.of());

		assertThat(defaults.idempotencyKeys()).isEqualTo(Duration.ofDays(7));
		assertThat(defaults.operations()).isNull();
		assertThat(defaults.purgeInterval()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void bothRetentionsCanBeSet() {
		RetentionProperties set = bind(Map.of("slotswap.retention.idempotency-keys", "PT24H",
				"slotswap.retention.operations", "90d"));

		assertThat(set.idempotencyKeys()).isEqualTo(Duration.ofHours(24));
		assertThat(set.operations()).isEqualTo(Duration.ofDays(90));
	}

	@Test
	void idempotencyKeysKeptLessThanADayAreRefusedWithWhatToSet() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("slotswap.retention.idempotency-keys", "PT12H")))
			.havingRootCause()
			.withMessage("slotswap.retention.idempotency-keys is PT12H but must be at least PT24H"
					+ " (the API keeps idempotency keys at least 24 hours): set it to PT24H or more");
	}

	@Test
	void operationsKeptLessThanADayAreRefusedSinceTheirKeysGoWithThem() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("slotswap.retention.operations", "1h")))
			.havingRootCause()
			.withMessageContaining("slotswap.retention.operations is PT1H but must be at least PT24H");
	}

	private static RetentionProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("slotswap.retention",
				RetentionProperties.class);
	}
}
