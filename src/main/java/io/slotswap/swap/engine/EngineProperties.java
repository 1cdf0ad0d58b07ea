package io.slotswap.swap.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.engine.*}.
 *
 * @param pollInterval how often a replica looks for due operations when nothing woke it
 * @param leaseDuration how long a claimed operation stays with this replica; renewed while a step runs
 * @param workers steps run at once by this replica (a bounded pool)
 * @param probeTimeout time-out of one warm-up or verification probe
 * @param validationTimeout how long VALIDATING may keep retrying an unreachable Azure
 * @param swapReportAfter SWAPPING / ROLLING_BACK longer than this is reported (never failed)
 * @param retryDelay first delay after a transient Azure error (doubles per attempt)
 * @param maxRetryDelay upper bound of that delay
 * @param maxSwapRetries how often a swap that Azure failed transiently ("... Please retry") is sent again
 * @param maxConcurrentSwapsPerSubscription swaps running in Azure at once per subscription (Resource
 *        Manager throttles per subscription); more wait their turn
 */
@ConfigurationProperties("slotswap.engine")
public record EngineProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("15s") Duration leaseDuration,
		@DefaultValue("8") int workers, @DefaultValue("5s") Duration probeTimeout,
		@DefaultValue("5m") Duration validationTimeout, @DefaultValue("30m") Duration swapReportAfter,
		@DefaultValue("2s") Duration retryDelay, @DefaultValue("60s") Duration maxRetryDelay,
		@DefaultValue("3") int maxSwapRetries, @DefaultValue("10") int maxConcurrentSwapsPerSubscription) {

	/** The delay before attempt {@code attempt + 1}, at least {@code azureAsked} when Azure said so. */
	Duration backoff(int attempt, Duration azureAsked) {
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
}
