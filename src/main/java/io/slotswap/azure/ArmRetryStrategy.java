package io.slotswap.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;

/**
 * What azure-core's {@link RetryPolicy} retries, and how long it waits when the server names no
 * delay. The policy itself honours {@code x-ms-retry-after-ms}, {@code retry-after-ms} and
 * {@code Retry-After} (seconds or HTTP date) before asking {@link #calculateRetryDelay(int)}.
 * <ul>
 * <li>Retried: 429, 500, 502, 503, 504, and I/O errors (connection refused, reset, time-outs).</li>
 * <li>Back-off: {@code retryDelay × 2^attempt} (±5 % jitter), at most {@code maxRetryDelay}.</li>
 * <li>A server that asks for a longer wait than {@code maxRetryDelay} is not retried here: the
 * caller gets {@link AzureException.Kind#THROTTLED} / {@code UNAVAILABLE} with that
 * {@code Retry-After} and schedules the next attempt itself, instead of a thread sleeping.</li>
 * </ul>
 */
final class ArmRetryStrategy implements RetryStrategy {

	static final Set<Integer> RETRIED_STATUSES = Set.of(429, 500, 502, 503, 504);

	private final int maxRetries;

	private final Duration baseDelay;

	private final Duration maxDelay;

	ArmRetryStrategy(int maxRetries, Duration baseDelay, Duration maxDelay) {
		this.maxRetries = Math.max(0, maxRetries);
		this.baseDelay = positive(baseDelay, Duration.ofMillis(500));
		Duration max = positive(maxDelay, Duration.ofSeconds(10));
		this.maxDelay = max.compareTo(this.baseDelay) < 0 ? this.baseDelay : max;
	}

	static RetryPolicy policy(AzureProperties properties) {
		// No explicit header: RetryPolicy then reads the well-known Retry-After headers itself.
		return new RetryPolicy(new ArmRetryStrategy(properties.maxRetries(), properties.retryDelay(),
				properties.maxRetryDelay()), null, null);
	}

	@Override
	public int getMaxRetries() {
		return maxRetries;
	}

	@Override
	public Duration calculateRetryDelay(int retryAttempts) {
		long base = baseDelay.toNanos();
		long jittered = ThreadLocalRandom.current().nextLong((long) (base * 0.95), (long) (base * 1.05) + 1);
		int shift = Math.min(Math.max(retryAttempts, 0), 30);
		long delay = jittered > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : jittered << shift;
		return Duration.ofNanos(Math.min(delay, maxDelay.toNanos()));
	}

	@Override
	public boolean shouldRetry(HttpResponse response) {
		if (!RETRIED_STATUSES.contains(response.getStatusCode())) {
			return false;
		}
		Duration asked = ArmErrors.retryAfter(response.getHeaders());
		return asked == null || asked.compareTo(maxDelay) <= 0;
	}

	@Override
	public boolean shouldRetryException(Throwable throwable) {
		// RetryPolicy walks the cause chain and asks for each link.
		return throwable instanceof IOException || throwable instanceof UncheckedIOException
				|| throwable instanceof TimeoutException;
	}

	Duration maxDelay() {
		return maxDelay;
	}

	private static Duration positive(Duration d, Duration fallback) {
		return d == null || d.isZero() || d.isNegative() ? fallback : d;
	}
}
