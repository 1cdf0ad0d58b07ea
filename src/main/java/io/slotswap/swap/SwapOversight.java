package io.slotswap.swap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.slotswap.swap.engine.EngineProperties;
import org.springframework.stereotype.Component;

/**
 * The operations that need a person: a swap or rollback still running past its deadline (never
 * failed by a timer), an operation whose next step is long overdue (no replica moves it), a
 * rollback that failed recently.
 */
@Component
public class SwapOversight {

	static final Duration OVERDUE_GRACE = Duration.ofMinutes(5);

	static final Duration ROLLBACK_FAILURES_SHOWN = Duration.ofHours(24);

	private final SwapOperationRepository operations;

	private final EngineProperties engine;

	private final Clock clock;

	SwapOversight(SwapOperationRepository operations, EngineProperties engine, Clock clock) {
		this.operations = operations;
		this.engine = engine;
		this.clock = clock;
	}

	/** Ids of the operations needing attention, by reason; all empty when all is well. */
	public record Attention(List<UUID> swapsPastDeadline, List<UUID> overdue, List<UUID> rollbackFailedLast24h) {

		public boolean needed() {
			return !swapsPastDeadline.isEmpty() || !overdue.isEmpty() || !rollbackFailedLast24h.isEmpty();
		}
	}

	public Attention attention() {
		Instant now = clock.instant();
		return new Attention(
				ids(operations.findByActiveSiteKeyIsNotNullAndStateInAndStateEnteredAtBefore(
						EnumSet.of(SwapState.SWAPPING, SwapState.ROLLING_BACK), now.minus(engine.swapReportAfter()))),
				ids(operations.findByActiveSiteKeyIsNotNullAndNextRunAtBefore(now.minus(OVERDUE_GRACE))),
				ids(operations.findByErrorCodeAndCompletedAtAfter(SwapError.ROLLBACK_FAILED,
						now.minus(ROLLBACK_FAILURES_SHOWN))));
	}

	private static List<UUID> ids(List<SwapOperation> found) {
		return found.stream().map(SwapOperation::getId).toList();
	}
}
