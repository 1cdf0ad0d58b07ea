package io.slotswap.emulator;

/**
 * A token bucket on a nanosecond clock: starts full, refills continuously
 * ({@code tokens = min(burst, tokens + elapsed x rate)}), one token a call. Not thread-safe.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private final double perSecond;

	private final int burst;

	private double tokens;

	private long refilledAt;

	TokenBucket(double perSecond, int burst, long nowNanos) {
		this.perSecond = perSecond;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = nowNanos;
	}

	/** Takes one token: 0 when there was one, else the nanoseconds until there will be one (nothing taken). */
	long take(long nowNanos) {
		refill(nowNanos);
		if (tokens >= 1) {
			tokens -= 1;
			return 0;
		}
		return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND));
	}

	private void refill(long nowNanos) {
		long elapsed = nowNanos - refilledAt;
		if (elapsed > 0) {
			tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * perSecond);
			refilledAt = nowNanos;
		}
	}
}
