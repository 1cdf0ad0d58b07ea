package io.slotswap.swap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The operations that need a person: a swap or rollback still running past its deadline (never
 * failed by a timer), an operation whose next step is long overdue (no replica moves it), a
 * rollback that failed recently, a preview that could not be reset (its slot is still prepared).
 */
@Component
public class SwapOversight {

	static final Duration OVERDUE_GRACE = Duration.ofMinutes(5);

	static final Duration FAILURES_SHOWN = Duration.ofHours(24);

	private final SwapOperationRepository operations;

	private final EngineProperties engine;

	private final Clock clock;

	SwapOversight(SwapOperationRepository operations, EngineProperties engine, Clock clock) {
		this.operations = operations;
		this.engine = engine;
		this.clock = clock;
	}

	/** Ids of the operations needing attention, by reason; all empty when all is well. */
	public record Attention(List<UUID> swapsPastDeadline, List<UUID> overdue, List<UUID> rollbackFailedLast24h,
			List<UUID> previewNotResetLast24h) {

		public boolean needed() {
			return !swapsPastDeadline.isEmpty() || !overdue.isEmpty() || !rollbackFailedLast24h.isEmpty()
					|| !previewNotResetLast24h.isEmpty();
		}
	}

	public Attention attention() {
		Instant now = clock.instant();
		List<SwapOperation> failures = operations.findEndedWith(
				Set.of(SwapError.ROLLBACK_FAILED, SwapError.PREVIEW_NOT_RESET), now.minus(FAILURES_SHOWN));
		return new Attention(
				ids(operations.findByActiveSiteKeyIsNotNullAndStateInAndStateEnteredAtBefore(
						SwapState.azureSideStates(), now.minus(engine.swapReportAfter()))),
				ids(operations.findOverdue(now.minus(OVERDUE_GRACE))),
				ids(failures.stream().filter(op -> SwapError.ROLLBACK_FAILED.equals(op.getError().code())).toList()),
				ids(failures.stream().filter(op -> SwapError.PREVIEW_NOT_RESET.equals(op.getError().code())).toList()));
	}

	private static List<UUID> ids(List<SwapOperation> found) {
		return found.stream().map(SwapOperation::getId).toList();
	}
}
