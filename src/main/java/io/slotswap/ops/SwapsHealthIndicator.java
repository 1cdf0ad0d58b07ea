package io.slotswap.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.engine.EngineProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code swaps}: DEGRADED when an operation needs an operator: a swap or rollback still running
 * past its deadline (never failed by a timer), an operation whose next step is long overdue (no
 * replica moves it), or a rollback that failed in the last 24 hours. Not part of readiness.
 */
@Component("swaps")
class SwapsHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "An operation needs an operator's attention");

	private static final Duration OVERDUE_GRACE = Duration.ofMinutes(5);

	private static final Duration ROLLBACK_FAILURES_SHOWN = Duration.ofHours(24);

	private final SwapOperationRepository operations;

	private final EngineProperties engine;

	private final Clock clock;

	SwapsHealthIndicator(SwapOperationRepository operations, EngineProperties engine, Clock clock) {
		this.operations = operations;
		this.engine = engine;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = clock.instant();
		List<String> swapsPastDeadline = ids(operations.findByActiveSiteKeyIsNotNullAndStateInAndStateEnteredAtBefore(
				EnumSet.of(SwapState.SWAPPING, SwapState.ROLLING_BACK), now.minus(engine.swapReportAfter())));
		List<String> overdue = ids(operations.findByActiveSiteKeyIsNotNullAndNextRunAtBefore(now.minus(OVERDUE_GRACE)));
		List<String> rollbackFailed = ids(operations.findByErrorCodeAndCompletedAtAfter(SwapError.ROLLBACK_FAILED,
				now.minus(ROLLBACK_FAILURES_SHOWN)));
		boolean degraded = !swapsPastDeadline.isEmpty() || !overdue.isEmpty() || !rollbackFailed.isEmpty();
		return Health.status(degraded ? DEGRADED : Status.UP)
			.withDetail("swapsPastDeadline", swapsPastDeadline)
			.withDetail("overdue", overdue)
			.withDetail("rollbackFailedLast24h", rollbackFailed)
			.build();
	}

	private static List<String> ids(List<SwapOperation> found) {
		return found.stream().map(op -> op.getId().toString()).toList();
	}
}
