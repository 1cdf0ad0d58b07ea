package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapOperation;
import org.springframework.stereotype.Component;

/**
 * Resets a swap with preview (Azure's {@code resetSlotConfig}) before an operation that prepared
 * it ends, so that a site is never left "prepared for swap". Safe to repeat.
 */
@Component
class PreviewReset {

	private final AppServiceGateway gateway;

	private final Retries retries;

	PreviewReset(AppServiceGateway gateway, Retries retries) {
		this.gateway = gateway;
		this.retries = retries;
	}

	/** Returns false when the reset must be tried again later (the step then just waits). */
	boolean reset(Step step, String why) {
		SwapOperation op = step.operation();
		try {
			gateway.resetSlotConfig(op.siteRef(), op.getSourceSlot());
			op.note("Slot '" + op.getSourceSlot() + "' configuration reset because " + why, Actor.ENGINE, step.now());
			return true;
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return true;
			}
			retries.later(step, e, "resetting the slot configuration");
			return false;
		}
	}
}
