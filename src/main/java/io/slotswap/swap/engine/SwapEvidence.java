package io.slotswap.swap.engine;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.SlotSwapStatus;
import io.slotswap.swap.SwapOperation;
import org.springframework.stereotype.Component;

/**
 * What Azure shows of an operation's swap without its polling URL: the {@code slotSwapStatus} of
 * the two slots involved (Azure sets it on both slots of a swap; the site itself stands for
 * {@code production}), so that a slot-to-slot swap is judged by its own slots.
 */
@Component
class SwapEvidence {

	private final AppServiceGateway gateway;

	SwapEvidence(AppServiceGateway gateway) {
		this.gateway = gateway;
	}

	/** The newest last swap recorded on either of the operation's two slots, or null. */
	SlotSwapStatus lastSwapOfPair(SwapOperation op) {
		SlotSwapStatus source = gateway.slot(op.siteRef(), op.getSourceSlot()).lastSwap();
		SlotSwapStatus target = gateway.slot(op.siteRef(), op.getTargetSlot()).lastSwap();
		return newer(source, target);
	}

	/**
	 * The swap of this operation as either of its two slots records it (each slot is checked on its
	 * own: a later swap of one of them with a third slot must not hide ours), or null.
	 */
	SlotSwapStatus swapOf(SwapOperation op) {
		SlotSwapStatus source = gateway.slot(op.siteRef(), op.getSourceSlot()).lastSwap();
		if (happened(op, source)) {
			return source;
		}
		SlotSwapStatus target = gateway.slot(op.siteRef(), op.getTargetSlot()).lastSwap();
		return happened(op, target) ? target : null;
	}

	/**
	 * A newer last swap of the operation's own slot pair than the one seen before sending. Without a
	 * recorded intent nothing of ours can be in flight, so nothing counts (an older swap of the same
	 * pair is not ours).
	 */
	static boolean happened(SwapOperation op, SlotSwapStatus now) {
		if (!op.getIntent().recorded() || now == null || now.timestampUtc() == null) {
			return false;
		}
		SlotSwapStatus before = op.getIntent().statusBefore();
		boolean newer = before == null || before.timestampUtc() == null
				|| now.timestampUtc().isAfter(before.timestampUtc());
		return newer && op.isPair(now.sourceSlotName(), now.destinationSlotName());
	}

	static String describe(SlotSwapStatus status) {
		return status == null || status.timestampUtc() == null ? "no swap recorded"
				: "last swap " + status.sourceSlotName() + " -> " + status.destinationSlotName() + " at "
						+ status.timestampUtc();
	}

	private static SlotSwapStatus newer(SlotSwapStatus a, SlotSwapStatus b) {
		if (a == null || a.timestampUtc() == null) {
			return b;
		}
		if (b == null || b.timestampUtc() == null) {
			return a;
		}
		return b.timestampUtc().isAfter(a.timestampUtc()) ? b : a;
	}
}
