package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** ROLLING_BACK: the same slots swapped again, so that the previous build serves the target. */
@Component
class RollingBackStep extends AzureSwapStep {

	private static final Logger log = LoggerFactory.getLogger(RollingBackStep.class);

	RollingBackStep(AppServiceGateway gateway, Retries retries, EngineProperties properties,
			SwapOperationRepository operations) {
		super(gateway, retries, properties, operations);
	}

	@Override
	public SwapState state() {
		return SwapState.ROLLING_BACK;
	}

	@Override
	void succeeded(Step step, String how) {
		SwapOperation op = step.operation();
		op.clearSwapIntent();
		op.markSlotsChanged(false);
		op.advance(SwapState.ROLLED_BACK, how + ": '" + op.getTargetSlot() + "' serves the previous build again",
				Actor.ENGINE, step.now());
	}

	@Override
	void failed(Step step, String code, String message) {
		SwapOperation op = step.operation();
		log.error("Rollback of swap {} on {}/{} FAILED ({}): the new build is still in '{}'; an operator must act",
				op.getId(), op.getResourceGroup(), op.getSite(), code, op.getTargetSlot());
		op.fail(SwapError.ROLLBACK_FAILED, "The rollback swap failed (" + code + ": " + message + "); '"
				+ op.getTargetSlot() + "' still serves the new build", Actor.ENGINE, step.now());
	}
}
