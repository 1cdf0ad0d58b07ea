package io.slotswap.ops;

import io.slotswap.swap.SwapOversight;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code swaps}: DEGRADED when an operation needs an operator's attention (see
 * {@link SwapOversight}). Not part of readiness: it does not take a replica out of service.
 */
@Component("swaps")
class SwapsHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "An operation needs an operator's attention");

	private final SwapOversight oversight;

	SwapsHealthIndicator(SwapOversight oversight) {
		this.oversight = oversight;
	}

	@Override
	public Health health() {
		SwapOversight.Attention attention = oversight.attention();
		return Health.status(attention.needed() ? DEGRADED : Status.UP)
			.withDetail("swapsPastDeadline", attention.swapsPastDeadline())
			.withDetail("overdue", attention.overdue())
			.withDetail("rollbackFailedLast24h", attention.rollbackFailedLast24h())
			.withDetail("previewNotResetLast24h", attention.previewNotResetLast24h())
			.build();
	}
}
