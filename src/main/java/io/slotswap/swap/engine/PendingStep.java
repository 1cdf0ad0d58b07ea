package io.slotswap.swap.engine;

import io.slotswap.swap.Actor;
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
	public void run(Step step) {
		step.operation().advance(SwapState.VALIDATING, "Validating the site and its slots", Actor.ENGINE, step.now());
	}
}
