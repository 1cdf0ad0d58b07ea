package io.slotswap.azure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.azure.*}.
 *
 * @param resourceManagerEndpoint Resource Manager URL; empty = the built-in emulator of this
 *        process ({@code http://localhost:{server.port}/emulator/arm}) in {@code local}
 * @param defaultSubscriptionId used when a request names none
 * @param maxRetries retries of 429 / transient 5xx / connection errors per call
 * @param retryDelay first back-off delay (doubles per retry) when Azure sends no Retry-After
 * @param maxRetryDelay upper bound of one back-off delay, including Retry-After
 * @param timeout connect and read time-out of one HTTP call
 * @param budget Resource Manager's request budget per subscription, spent on this side so that
 *        slotswap does not trip Azure's throttling
 */
@ConfigurationProperties("slotswap.azure")
public record AzureProperties(String resourceManagerEndpoint,
		@DefaultValue("00000000-0000-0000-0000-000000000000") String defaultSubscriptionId,
		@DefaultValue("3") int maxRetries, @DefaultValue("500ms") Duration retryDelay,
		@DefaultValue("10s") Duration maxRetryDelay, @DefaultValue("10s") Duration timeout,
		@DefaultValue Budget budget) {

	/**
	 * Resource Manager's token buckets per subscription and principal (its published limits since
	 * 2024: reads 250 burst + 25/s, writes 200 burst + 10/s), shared evenly by the live replicas: each
	 * replica spends its share, so together they stay within Azure's. A 429 empties the bucket for the
	 * {@code Retry-After} Azure asked.
	 *
	 * @param enabled spend the budget on this side (off: every call goes out and Azure's 429s decide)
	 * @param readsPerSecond reads (GET) refilled per second
	 * @param readBurst reads that can be spent at once
	 * @param writesPerSecond writes (anything but GET) refilled per second
	 * @param writeBurst writes that can be spent at once
	 * @param maxWait the longest a call waits for budget; past it the call is not sent and is retried
	 *        later (an operation's step is rescheduled, a request answers 503)
	 */
	public record Budget(@DefaultValue("true") boolean enabled, @DefaultValue("25") double readsPerSecond,
			@DefaultValue("250") int readBurst, @DefaultValue("10") double writesPerSecond,
			@DefaultValue("200") int writeBurst, @DefaultValue("10s") Duration maxWait) {

		/** Resource Manager's published limits. */
		public static final Budget AZURE = new Budget(true, 25, 250, 10, 200, Duration.ofSeconds(10));

		/**
		 * The share of Azure's budget slotswap spends. Our send times are not Azure's arrival times:
		 * two requests sent a token apart may arrive closer, and a bucket spent to its last token
		 * answers the second one 429. The tenth kept back absorbs that, and leaves a little for a
		 * person with the portal or the CLI on the same identity.
		 */
		static final double SPENT = 0.9;

		/** What slotswap spends of this budget: {@link #SPENT} of each rate and burst (at least 1). */
		Budget spendable() {
			return new Budget(enabled, readsPerSecond * SPENT, Math.max(1, (int) (readBurst * SPENT)),
					writesPerSecond * SPENT, Math.max(1, (int) (writeBurst * SPENT)), maxWait);
		}
	}

	public boolean usesBuiltInEmulator() {
		return resourceManagerEndpoint == null || resourceManagerEndpoint.isBlank();
	}
}
