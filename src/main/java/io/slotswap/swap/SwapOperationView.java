package io.slotswap.swap;

import java.time.Instant;
import java.util.UUID;


/** An operation as the API shows it (API.md, "The operation"). */
public record SwapOperationView(UUID id, String subscriptionId, String resourceGroup, String site, String sourceSlot,
		String targetSlot, SwapMode mode, boolean preserveVnet, SwapState state, boolean terminal, String requestedBy,
		String approvedBy, String reason, UUID rollbackOf, UUID rolledBackBy, SwapError error, WarmupSpec warmup,
		VerificationSpec verification, Instant createdAt, Instant updatedAt, Instant completedAt) {

	public static SwapOperationView of(SwapOperation op) {
		return new SwapOperationView(op.getId(), op.getSubscriptionId(), op.getResourceGroup(), op.getSite(),
				op.getSourceSlot(), op.getTargetSlot(), op.getMode(), op.isPreserveVnet(), op.getState(),
				op.getState().isTerminal(), op.getRequestedBy(), op.getApprovedBy(), op.getReason(), op.getRollbackOf(),
				op.getRolledBackBy(), op.getError(), op.getWarmup(), op.getVerification(), op.getCreatedAt(),
				op.getUpdatedAt(), op.getCompletedAt());
	}
}
