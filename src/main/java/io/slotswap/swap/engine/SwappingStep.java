package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/** SWAPPING: Azure swaps the source into the target; then VERIFYING (if configured) or SUCCEEDED. */
@Component
class SwappingStep extends AzureSwapStep {

	SwappingStep(AppServiceGateway gateway, SwapEvidence evidence, EngineProperties properties,
			SwapOperationRepository operations) {
		super(gateway, evidence, properties, operations);
	}

	@Override
	public SwapState state() {
		return SwapState.SWAPPING;
	}
}
