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
 */
@ConfigurationProperties("slotswap.azure")
public record AzureProperties(String resourceManagerEndpoint,
		@DefaultValue("00000000-0000-0000-0000-000000000000") String defaultSubscriptionId,
		@DefaultValue("3") int maxRetries, @DefaultValue("500ms") Duration retryDelay,
		@DefaultValue("10s") Duration maxRetryDelay, @DefaultValue("10s") Duration timeout) {

	public boolean usesBuiltInEmulator() {
		return resourceManagerEndpoint == null || resourceManagerEndpoint.isBlank();
	}
}
