package io.slotswap.swap.engine;

import java.time.Instant;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.swap.Actor;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperation;
import org.springframework.stereotype.Component;

/**
 * Resets a swap with preview (Azure's {@code resetSlotConfig}) before an operation that prepared
 * it ends, so that a site is never left "prepared for swap" silently. Safe to repeat. A reset that
 * keeps failing (bounded like every call before the swap) ends the operation FAILED
 * {@code PreviewNotReset}, which says the slot is still prepared.
 */
@Component
class PreviewReset {

	private final AppServiceGateway gateway;

	private final EngineProperties properties;

	PreviewReset(AppServiceGateway gateway, EngineProperties properties) {
		this.gateway = gateway;
		this.properties = properties;
	}

	/**
	 * Returns true when the slot is reset (or was never prepared) and the operation may end; false
	 * when the step must wait and try again, or the operation has ended {@code PreviewNotReset}.
	 */
	boolean reset(Step step) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		try {
			gateway.resetSlotConfig(op.siteRef(), op.getSourceSlot());
			op.gotThrough();
			op.note("Slot '" + op.getSourceSlot() + "' configuration reset: the prepared swap with preview is "
					+ "abandoned", Actor.ENGINE, now);
			return true;
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return true;
			}
			int attempt = op.countAttempt();
			int limit = e.isRefusal() ? properties.maxRefusals() : properties.maxTransientAttempts();
			String why = e.code() + ": " + e.getMessage();
			if (attempt >= limit) {
				op.previewNotReset("Azure answered " + why + " " + attempt + " times", now);
				return false;
			}
			op.note("Could not reset slot '" + op.getSourceSlot() + "' (" + why + "); trying again", Actor.ENGINE, now);
			op.waitUntil(now.plus(properties.backoff(attempt, e.retryAfter())));
			return false;
		}
	}
}
