package io.slotswap.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.retention.*}: how long the database keeps what it no longer needs.
 *
 * @param idempotencyKeys an {@code Idempotency-Key} is forgotten this long after it was first used
 *        (never while its operation is still active); at least {@code PT24H}, as the API promises
 * @param operations a finished operation, its history and its idempotency keys are deleted this long
 *        after it ended; absent (the default): kept for ever. At least {@code PT24H} when set, since
 *        its idempotency keys go with it
 * @param purgeInterval how often each replica looks for something to delete
 */
@ConfigurationProperties("slotswap.retention")
record RetentionProperties(@DefaultValue("P7D") Duration idempotencyKeys, @Nullable Duration operations,
		@DefaultValue("PT1H") Duration purgeInterval) {

	static final Duration MINIMUM = Duration.ofHours(24);

	RetentionProperties {
		if (idempotencyKeys.compareTo(MINIMUM) < 0) {
			throw new IllegalArgumentException("slotswap.retention.idempotency-keys is " + idempotencyKeys
					+ " but must be at least PT24H (the API keeps idempotency keys at least 24 hours): set it to PT24H or more");
		}
		if (operations != null && operations.compareTo(MINIMUM) < 0) {
			throw new IllegalArgumentException("slotswap.retention.operations is " + operations
					+ " but must be at least PT24H (an operation's idempotency keys are deleted with it): set it to PT24H or more, or remove it to keep operations");
		}
		if (purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException(
					"slotswap.retention.purge-interval is " + purgeInterval + " but must be positive, e.g. PT1H");
		}
	}
}
