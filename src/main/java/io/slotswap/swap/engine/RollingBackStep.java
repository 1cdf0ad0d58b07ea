package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/** ROLLING_BACK: the same slots swapped again, so that the previous build serves the target. */
@Component
class RollingBackStep extends AzureSwapStep {

	RollingBackStep(AppServiceGateway gateway, SwapEvidence evidence, EngineProperties properties,
			SwapOperationRepository operations) {
		super(gateway, evidence, properties, operations);
	}

	@Override
	public SwapState state() {
		return SwapState.ROLLING_BACK;
	}
}
