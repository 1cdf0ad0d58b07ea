package io.slotswap.swap.engine;

import java.time.Instant;

import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/**
 * AWAITING_APPROVAL: nothing to do until someone approves or cancels; at the approval deadline the
 * operation ends CANCELLED with {@code ApprovalExpired}, a prepared preview reset first so that the
 * site is never left "prepared for swap".
 */
@Component
class AwaitingApprovalStep implements StepHandler {

	private final PreviewReset previewReset;

	AwaitingApprovalStep(PreviewReset previewReset) {
		this.previewReset = previewReset;
	}

	@Override
	public SwapState state() {
		return SwapState.AWAITING_APPROVAL;
	}

	@Override
	public void run(Step step) {
		SwapOperation op = step.operation();
		Instant deadline = op.approvalDeadline();
		if (step.now().isBefore(deadline)) {
			op.runAgainAt(deadline);
			return;
		}
		// Decided and saved before any clean-up, so that an approval arriving meanwhile is refused.
		op.requestCancel(Actor.ENGINE, step.now());
		step.checkpoint();
		op = step.operation();
		if (op.getMode() == SwapMode.PREVIEW && !previewReset.reset(step, "the approval expired")) {
			return;
		}
		op.cancel(SwapError.APPROVAL_EXPIRED, "Nobody approved the swap within " + op.getApprovalTimeout(),
				Actor.ENGINE, step.now());
	}
}
