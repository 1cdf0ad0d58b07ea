package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.swap.Actor;
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

	private final Retries retries;

	private final PreviewReset previewReset;

	private final EngineProperties properties;

	ApplyingConfigStep(AppServiceGateway gateway, Retries retries, PreviewReset previewReset,
			EngineProperties properties) {
		this.gateway = gateway;
		this.retries = retries;
		this.previewReset = previewReset;
		this.properties = properties;
	}

	/** A 409 other than Azure's "another operation is in progress" is a refusal, not a wait. */
	static boolean refusal(AzureException e) {
		return e.kind() == AzureException.Kind.BUSY && e.code() != null && !"Conflict".equalsIgnoreCase(e.code());
	}

	@Override
	public SwapState state() {
		return SwapState.APPLYING_CONFIG;
	}

	@Override
	public void run(Step step) {
		SwapOperation op = step.operation();
		if (step.now().isAfter(op.getStateEnteredAt().plus(properties.validationTimeout()))) {
			if (previewReset.reset(step, "Azure did not apply the settings in time")) {
				op.fail(SwapError.TIMEOUT, "Azure did not apply the target's settings within "
						+ properties.validationTimeout().toMinutes() + " min", Actor.ENGINE, step.now());
			}
			return;
		}
		try {
			gateway.applySlotConfig(op.siteRef(), op.getSourceSlot(), op.getTargetSlot(), op.isPreserveVnet());
		}
		catch (AzureException e) {
			if (e.isTransient() && !refusal(e)) {
				retries.later(step, e, "applying the target's settings");
				return;
			}
			if (!previewReset.reset(step, "applying the target's settings failed")) {
				return;
			}
			String code = e.kind() == AzureException.Kind.NOT_FOUND ? SwapError.SLOT_NOT_FOUND : e.code();
			op.fail(code, "Azure refused to apply the target's settings: " + e.getMessage(), Actor.ENGINE, step.now());
			return;
		}
		op.advance(SwapState.WARMING_UP, "Target's settings applied to '" + op.getSourceSlot() + "' (it restarts); "
				+ "warming up " + op.getSourceHostName(), Actor.ENGINE, step.now());
	}
}
