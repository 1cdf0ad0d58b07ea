package io.slotswap.swap.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.SlotInfo;
import io.slotswap.swap.Actor;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import org.springframework.stereotype.Component;

/**
 * VALIDATING: the site and both slots exist, nobody else has prepared the site for a swap, and
 * warnings worth knowing (auto swap, Azure's own warm-up accepting any status) go to the history.
 * Only reads, each made once: the site and the list of its slots (existence, names, host names, a
 * slot prepared for a swap), the source's configuration (auto swap) and, for a SWAP, its app settings.
 * Safe to repeat.
 */
@Component
class ValidatingStep implements StepHandler {

	static final String WARMUP_PING_STATUSES = "WEBSITE_SWAP_WARMUP_PING_STATUSES";

	private final AppServiceGateway gateway;

	private final EngineProperties properties;

	ValidatingStep(AppServiceGateway gateway, EngineProperties properties) {
		this.gateway = gateway;
		this.properties = properties;
	}

	@Override
	public SwapState state() {
		return SwapState.VALIDATING;
	}

	@Override
	public StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		if (now.isAfter(op.getStateEnteredAt().plus(properties.validationTimeout()))) {
			return StepOutcome.fail(SwapError.TIMEOUT, "Azure could not be asked to validate the swap within "
					+ properties.validationTimeout().toMinutes() + " min");
		}
		List<SlotInfo> slots;
		SlotInfo source;
		String autoSwap = null;
		Map<String, String> sourceSettings = Map.of();
		try {
			slots = gateway.slots(op.siteRef());
			source = find(slots, op.getSourceSlot()).orElse(null);
			if (source != null) {
				autoSwap = gateway.autoSwapSlot(op.siteRef(), source.name());
				if (op.getMode() == SwapMode.SWAP) {
					sourceSettings = gateway.appSettings(op.siteRef(), source.name());
				}
			}
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return StepOutcome.fail(SwapError.SITE_NOT_FOUND, "Site " + op.getResourceGroup() + "/" + op.getSite()
						+ " no longer exists");
			}
			return StepOutcome.retry(e, "validating");
		}
		Optional<SlotInfo> target = find(slots, op.getTargetSlot());
		if (source == null || target.isEmpty()) {
			String missing = source == null ? op.getSourceSlot() : op.getTargetSlot();
			return StepOutcome.fail(SwapError.SLOT_NOT_FOUND, "Slot '" + missing + "' no longer exists");
		}
		Optional<SlotInfo> prepared = slots.stream().filter(slot -> slot.targetSwapSlot() != null).findFirst();
		if (prepared.isPresent()) {
			return StepOutcome.fail(SwapError.SITE_PREPARED_FOR_SWAP, "Slot '" + prepared.get().name()
					+ "' is already prepared for a swap with '" + prepared.get().targetSwapSlot()
					+ "' (a swap with preview in progress outside this operation); complete or reset it first");
		}
		if (autoSwap != null && !autoSwap.isBlank()) {
			op.note("Warning: slot '" + source.name() + "' has auto swap into '" + autoSwap
					+ "' configured; a deployment to it may swap on its own", Actor.ENGINE, now);
		}
		if (op.getMode() == SwapMode.SWAP && !sourceSettings.containsKey(WARMUP_PING_STATUSES)) {
			op.note("Warning: the site does not set " + WARMUP_PING_STATUSES + ", so Azure's own warm-up during the "
					+ "swap accepts any HTTP status: the source restarts during the swap and may be switched in "
					+ "before it answers " + op.getWarmup().expectedStatuses() + ". slotswap never edits app settings; "
					+ "set it on the site or use PREVIEW mode", Actor.ENGINE, now);
		}
		String sourceHost = source.hostName();
		String targetHost = target.get().hostName();
		return StepOutcome.advance((operation, at) -> operation.validated(sourceHost, targetHost, at));
	}

	private static Optional<SlotInfo> find(List<SlotInfo> slots, String name) {
		return slots.stream().filter(slot -> slot.name().equalsIgnoreCase(name)).findFirst();
	}
}
