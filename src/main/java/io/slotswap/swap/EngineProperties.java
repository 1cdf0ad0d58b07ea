package io.slotswap.swap;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.engine.*}: how the engine runs steps, and the bounds that keep an operation from
 * waiting forever.
 *
 * @param pollInterval how often a replica looks for due operations when nothing woke it
 * @param leaseDuration how long a claimed operation stays with this replica, judged by the database's
 *        clock; renewed on its own schedule while a step runs
 * @param workers steps run at once by this replica (a bounded pool)
 * @param probeTimeout time-out of one warm-up or verification probe
 * @param validationTimeout how long VALIDATING and APPLYING_CONFIG may keep retrying an unreachable Azure
 * @param swapReportAfter SWAPPING / ROLLING_BACK longer than this is reported (never failed), and may
 *        be reconciled by an operator
 * @param retryDelay first delay after a transient Azure error (doubles per attempt)
 * @param maxRetryDelay upper bound of that delay
 * @param maxSwapRetries how often a swap that Azure failed transiently ("... Please retry") is sent again
 * @param maxConcurrentSwapsPerSubscription an optional cap on the swaps running in Azure at once per
 *        subscription (more wait their turn); 0, the default, sets none: Resource Manager's request
 *        budget ({@code slotswap.azure.budget}) is the limit
 * @param maxRefusals tries of a call that Azure refuses (4xx) before the operation ends FAILED with
 *        Azure's code (before the swap), or the swap ends refused
 * @param maxTransientAttempts tries of a call that does not get through (5xx, unreachable) before an
 *        operation that has not swapped yet ends FAILED; SWAPPING and ROLLING_BACK never give up
 * @param maxUnexpectedErrors steps interrupted by an unexpected error before an operation that has not
 *        swapped yet ends FAILED ({@code InternalError}); SWAPPING and ROLLING_BACK report instead
 * @param lostAnswerWait after a swap whose answer was lost (or a restart after sending it), how long the
 *        engine watches the slots' {@code slotSwapStatus} before it sends the swap again
 */
@ConfigurationProperties("slotswap.engine")
public record EngineProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("15s") Duration leaseDuration,
		@DefaultValue("8") int workers, @DefaultValue("5s") Duration probeTimeout,
		@DefaultValue("5m") Duration validationTimeout, @DefaultValue("30m") Duration swapReportAfter,
		@DefaultValue("2s") Duration retryDelay, @DefaultValue("60s") Duration maxRetryDelay,
		@DefaultValue("3") int maxSwapRetries, @DefaultValue("0") int maxConcurrentSwapsPerSubscription,
		@DefaultValue("3") int maxRefusals, @DefaultValue("10") int maxTransientAttempts,
		@DefaultValue("3") int maxUnexpectedErrors, @DefaultValue("2m") Duration lostAnswerWait) {

	public EngineProperties {
		if (leaseDuration.compareTo(Duration.ofSeconds(2)) < 0) {
			throw new IllegalArgumentException("slotswap.engine.lease-duration must be at least 2s, not " + leaseDuration);
		}
	}

	/** The delay before attempt {@code attempt + 1}, at least {@code azureAsked} when Azure said so. */
	public Duration backoff(int attempt, Duration azureAsked) {
		long factor = 1L << Math.min(Math.max(attempt - 1, 0), 16);
		Duration delay = retryDelay.multipliedBy(factor);
		if (delay.compareTo(maxRetryDelay) > 0) {
			delay = maxRetryDelay;
		}
		if (azureAsked != null && azureAsked.compareTo(delay) > 0) {
			delay = azureAsked;
		}
		return delay;
	}

	/** The lease in whole seconds, as the claim and renew statements add it to the database's clock. */
	public long leaseSeconds() {
		return Math.max(2, leaseDuration.toSeconds());
	}
}
