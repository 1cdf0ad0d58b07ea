package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/** SWAPPING: Azure swaps the source into the target; then VERIFYING (if configured) or SUCCEEDED. */
@Component
class SwappingStep extends AzureSwapStep {

	private final PreviewReset previewReset;

	SwappingStep(AppServiceGateway gateway, Retries retries, EngineProperties properties,
			SwapOperationRepository operations, PreviewReset previewReset) {
		super(gateway, retries, properties, operations);
		this.previewReset = previewReset;
	}

	@Override
	public SwapState state() {
		return SwapState.SWAPPING;
	}

	@Override
	void succeeded(Step step, String how) {
		SwapOperation op = step.operation();
		op.clearSwapIntent();
		op.markSlotsChanged(true);
		if (op.getVerification().enabled()) {
			op.advance(SwapState.VERIFYING, how + "; verifying " + op.getTargetHostName() + " for "
					+ op.getVerification().durationSeconds() + " s", Actor.ENGINE, step.now());
		}
		else {
			op.advance(SwapState.SUCCEEDED, how + ": '" + op.getTargetSlot() + "' now serves what '"
					+ op.getSourceSlot() + "' had", Actor.ENGINE, step.now());
		}
	}

	@Override
	void failed(Step step, String code, String message) {
		if (step.operation().getMode() == SwapMode.PREVIEW && !previewReset.reset(step, "Azure failed the swap")) {
			return;
		}
		step.operation().fail(code == null ? SwapError.AZURE_SWAP_FAILED : code,
				"Azure failed the swap (both slots stay as they were): " + message, Actor.ENGINE, step.now());
	}
}
