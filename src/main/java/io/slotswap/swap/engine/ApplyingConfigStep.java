package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/**
 * APPLYING_CONFIG (swap with preview, phase 1): the target's sticky settings applied to the
 * source, which restarts. Azure treats a repeated apply with the same target as a no-op, so the
 * step is safe to repeat; a failure resets the slot before the operation fails.
 */
@Component
class ApplyingConfigStep implements StepHandler {

	private final AppServiceGateway gateway;

	private final EngineProperties properties;

	ApplyingConfigStep(AppServiceGateway gateway, EngineProperties properties) {
		this.gateway = gateway;
		this.properties = properties;
	}

	@Override
	public SwapState state() {
		return SwapState.APPLYING_CONFIG;
	}

	@Override
	public StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		if (step.now().isAfter(op.getStateEnteredAt().plus(properties.validationTimeout()))) {
			return StepOutcome.fail(SwapError.TIMEOUT, "Azure did not apply the target's settings within "
					+ properties.validationTimeout().toMinutes() + " min");
		}
		try {
			gateway.applySlotConfig(op.siteRef(), op.getSourceSlot(), op.getTargetSlot(), op.isPreserveVnet());
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return StepOutcome.fail(SwapError.SLOT_NOT_FOUND, "Azure refused to apply the target's settings: "
						+ e.getMessage());
			}
			return StepOutcome.retry(e, "applying the target's settings");
		}
		return StepOutcome.advance(SwapOperation::configApplied);
	}
}
