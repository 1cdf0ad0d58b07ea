package io.slotswap.swap.engine;

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

	@Override
	public SwapState state() {
		return SwapState.AWAITING_APPROVAL;
	}

	@Override
	public StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		if (step.now().isBefore(op.approvalDeadline())) {
			return StepOutcome.waitUntil(op.approvalDeadline());
		}
		// Decided and saved before any clean-up, so that an approval arriving meanwhile is refused.
		op.expireApproval(step.now());
		step.checkpoint();
		return StepOutcome.advanceAfterPreviewReset(SwapOperation::cancelled);
	}
}
