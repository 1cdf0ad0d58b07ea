package io.slotswap.swap.engine;

import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/** PENDING: the engine picked the operation up. */
@Component
class PendingStep implements StepHandler {

	@Override
	public SwapState state() {
		return SwapState.PENDING;
	}

	@Override
	public StepOutcome run(Step step) {
		return StepOutcome.advance(SwapOperation::startValidating);
	}
}
