package io.slotswap.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotSwapStatus;
import org.hibernate.annotations.DynamicUpdate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * A swap operation: the aggregate, and the only place its state changes. Every transition checks
 * the current state against {@link SwapState}'s table and appends a history event, which
 * {@link SwapOperations#save} persists in the same transaction.
 */
@Entity
@DynamicUpdate
@Table(name = "swap_operation")
public class SwapOperation {

	@Id
	private UUID id;

	@Column(name = "subscription_id", nullable = false)
	private String subscriptionId;

	@Column(name = "resource_group", nullable = false)
	private String resourceGroup;

	@Column(nullable = false)
	private String site;

	@Column(name = "source_slot", nullable = false)
	private String sourceSlot;

	@Column(name = "target_slot", nullable = false)
	private String targetSlot;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private SwapMode mode;

	@Column(name = "preserve_vnet", nullable = false)
	private boolean preserveVnet;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private SwapState state;

	@Column(name = "active_site_key")
	private String activeSiteKey;

	@Column(name = "requested_by", nullable = false)
	private String requestedBy;

	@Column(name = "approved_by")
	private String approvedBy;

	@Column(name = "cancel_requested_by")
	private String cancelRequestedBy;

	private String reason;

	@Column(name = "require_approval", nullable = false)
	private boolean requireApproval;

	@Column(name = "approval_timeout_seconds", nullable = false)
	private long approvalTimeoutSeconds;

	@Column(name = "slots_changed", nullable = false)
	private boolean slotsChanged;

	@Column(name = "rollback_of")
	private UUID rollbackOf;

	@Column(name = "rolled_back_by")
	private UUID rolledBackBy;

	@Column(name = "error_code")
	private String errorCode;

	@Column(name = "error_message")
	private String errorMessage;

	@Column(name = "warmup_path", nullable = false)
	private String warmupPath;

	@Column(name = "warmup_expected_statuses", nullable = false)
	private String warmupExpectedStatuses;

	@Column(name = "warmup_consecutive_successes", nullable = false)
	private int warmupConsecutiveSuccesses;

	@Column(name = "warmup_interval_seconds", nullable = false)
	private int warmupIntervalSeconds;

	@Column(name = "warmup_timeout_seconds", nullable = false)
	private int warmupTimeoutSeconds;

	@Column(name = "verification_path", nullable = false)
	private String verificationPath;

	@Column(name = "verification_expected_statuses", nullable = false)
	private String verificationExpectedStatuses;

	@Column(name = "verification_duration_seconds", nullable = false)
	private int verificationDurationSeconds;

	@Column(name = "verification_interval_seconds", nullable = false)
	private int verificationIntervalSeconds;

	@Column(name = "verification_failure_threshold", nullable = false)
	private int verificationFailureThreshold;

	@Column(name = "verification_auto_rollback", nullable = false)
	private boolean verificationAutoRollback;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "completed_at")
	private Instant completedAt;

	@Column(name = "state_entered_at", nullable = false)
	private Instant stateEnteredAt;

	@Column(name = "source_host_name")
	private String sourceHostName;

	@Column(name = "target_host_name")
	private String targetHostName;

	@Column(name = "next_run_at", nullable = false)
	private Instant nextRunAt;

	// Written only by the engine's owner-checked queries (claim, renew, release), never by a save:
	// a save must not put back a lease that another replica has taken meanwhile.
	@Column(name = "lease_owner", insertable = false, updatable = false)
	private String leaseOwner;

	@Column(name = "lease_until", insertable = false, updatable = false)
	private Instant leaseUntil;

	@Column(name = "last_runner")
	private String lastRunner;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "swap_retries", nullable = false)
	private int swapRetries;

	@Column(name = "probe_streak", nullable = false)
	private int probeStreak;

	@Column(name = "stuck_reported", nullable = false)
	private boolean stuckReported;

	@Column(name = "swap_requested_at")
	private Instant swapRequestedAt;

	@Column(name = "swap_status_before_at")
	private Instant swapStatusBeforeAt;

	@Column(name = "swap_status_before_source")
	private String swapStatusBeforeSource;

	@Column(name = "swap_status_before_target")
	private String swapStatusBeforeTarget;

	@Column(name = "swap_poll_url")
	private String swapPollUrl;

	@Version
	private Long version;

	@Transient
	private List<SwapEvent> newEvents = new ArrayList<>();

	protected SwapOperation() {
	}

	/** A new operation in {@code PENDING}, due at once. {@code site} is spelled as Azure returns it. */
	public static SwapOperation request(UUID id, SiteRef site, String sourceSlot, String targetSlot, SwapMode mode,
			boolean preserveVnet, WarmupSpec warmup, VerificationSpec verification, boolean requireApproval,
			Duration approvalTimeout, String reason, Actor requestedBy, Instant now) {
		SwapOperation op = new SwapOperation();
		op.id = id;
		op.subscriptionId = site.subscriptionId();
		op.resourceGroup = site.resourceGroup();
		op.site = site.site();
		op.sourceSlot = sourceSlot;
		op.targetSlot = targetSlot;
		op.mode = mode;
		op.preserveVnet = preserveVnet;
		op.state = SwapState.PENDING;
		op.activeSiteKey = site.key();
		op.requestedBy = requestedBy.name();
		op.reason = reason;
		op.requireApproval = requireApproval;
		op.approvalTimeoutSeconds = approvalTimeout.toSeconds();
		op.warmupPath = warmup.path();
		op.warmupExpectedStatuses = join(warmup.expectedStatuses());
		op.warmupConsecutiveSuccesses = warmup.consecutiveSuccesses();
		op.warmupIntervalSeconds = warmup.intervalSeconds();
		op.warmupTimeoutSeconds = warmup.timeoutSeconds();
		op.verificationPath = verification.path();
		op.verificationExpectedStatuses = join(verification.expectedStatuses());
		op.verificationDurationSeconds = verification.durationSeconds();
		op.verificationIntervalSeconds = verification.intervalSeconds();
		op.verificationFailureThreshold = verification.failureThreshold();
		op.verificationAutoRollback = verification.autoRollback();
		op.createdAt = now;
		op.updatedAt = now;
		op.stateEnteredAt = now;
		op.nextRunAt = now;
		op.record(EventType.TRANSITION, null, SwapState.PENDING, requestedBy,
				"Swap of " + sourceSlot + " into " + targetSlot + " requested" + (reason == null ? "" : ": " + reason),
				now);
		return op;
	}

	// ---------------------------------------------------------------- transitions

	/** Moves to {@code next}, as the transition table allows, and records why. */
	public void advance(SwapState next, String message, Actor actor, Instant now) {
		if (!state.canMoveTo(next)) {
			throw new IllegalStateTransitionException(id, state, next);
		}
		SwapState previous = state;
		state = next;
		stateEnteredAt = now;
		updatedAt = now;
		nextRunAt = now;
		attempts = 0;
		probeStreak = 0;
		stuckReported = false;
		swapRetries = 0;
		if (next.isTerminal()) {
			completedAt = now;
			activeSiteKey = null;
		}
		record(EventType.TRANSITION, previous, next, actor, message, now);
	}

	/**
	 * A new operation that swaps the same pair back, linked both ways. It skips approval, warms up
	 * what it swaps back in and verifies as the original did.
	 */
	public SwapOperation rollback(UUID rollbackId, String reason, Actor requestedBy, Instant now) {
		SwapOperation rollback = request(rollbackId, siteRef(), sourceSlot, targetSlot, SwapMode.SWAP, preserveVnet,
				getWarmup(), getVerification(), false, Duration.ofSeconds(approvalTimeoutSeconds),
				reason != null ? reason : "Rollback of " + id, requestedBy, now);
		rollback.rollbackOf = id;
		rolledBackBy = rollbackId;
		updatedAt = now;
		note("Rollback requested by " + requestedBy.name() + ": operation " + rollbackId, requestedBy, now);
		return rollback;
	}

	/**
	 * This operation's rollback ended without swapping anything (it failed before the swap, was
	 * cancelled, or was itself rolled back): this operation's swap is still in effect and may be
	 * rolled back again.
	 */
	public void rollbackEndedWithoutSwapping(UUID rollbackId, SwapState how, Instant now) {
		if (rollbackId.equals(rolledBackBy)) {
			rolledBackBy = null;
			note("Rollback " + rollbackId + " ended " + how + " without swapping; this swap is still in effect and "
					+ "can be rolled back again", Actor.ENGINE, now);
		}
	}

	/** When an operation awaiting approval stops waiting. */
	public Instant approvalDeadline() {
		return stateEnteredAt.plusSeconds(approvalTimeoutSeconds);
	}

	/** AWAITING_APPROVAL → SWAPPING, recording who approved. */
	public void approve(Actor approver, String message, Instant now) {
		if (state != SwapState.AWAITING_APPROVAL) {
			throw new IllegalStateTransitionException(id, state, SwapState.SWAPPING);
		}
		approvedBy = approver.name();
		advance(SwapState.SWAPPING, message, approver, now);
	}

	/** Whether this operation's swap is in effect: Azure completed it and no rollback undid it. */
	public void markSlotsChanged(boolean changed) {
		slotsChanged = changed;
	}

	/** Ends the operation as FAILED with {@code code}. */
	public void fail(String code, String message, Actor actor, Instant now) {
		errorCode = code;
		errorMessage = Text.truncate(message, 2000);
		advance(SwapState.FAILED, code + ": " + message, actor, now);
	}

	/** Ends the operation as CANCELLED; {@code code} is {@code Cancelled} or {@code ApprovalExpired}. */
	public void cancel(String code, String message, Actor actor, Instant now) {
		errorCode = code;
		errorMessage = Text.truncate(message, 2000);
		advance(SwapState.CANCELLED, message, actor, now);
	}

	/** Records something worth knowing that is not a state change. */
	public void note(String message, Actor actor, Instant now) {
		updatedAt = now;
		record(EventType.NOTE, state, state, actor, message, now);
	}

	/** Asks the engine to cancel at its next step (it knows the clean-up each state needs). */
	public void requestCancel(Actor actor, Instant now) {
		if (!state.isCancellable()) {
			throw new IllegalStateTransitionException(id, state, SwapState.CANCELLED);
		}
		if (cancelRequestedBy == null) {
			cancelRequestedBy = actor.name();
			note("Cancel requested by " + actor.name(), actor, now);
		}
		nextRunAt = now;
	}

	// ---------------------------------------------------------------- engine bookkeeping

	/** Runs the current state's step again at {@code at}. */
	public void runAgainAt(Instant at) {
		nextRunAt = at;
	}

	public void runAgainAfter(Duration delay, Instant now) {
		nextRunAt = now.plus(delay);
	}

	/** Counts one more attempt of the current state's step; returns the new count. */
	public int countAttempt() {
		return ++attempts;
	}

	public void resetAttempts() {
		attempts = 0;
	}

	/** Remembers which engine replica ran the latest step. */
	public void ranOn(String runner) {
		lastRunner = runner;
	}

	public String getLastRunner() {
		return lastRunner;
	}

	/** Counts one more sending of the swap after Azure failed it transiently; returns the count. */
	public int countSwapRetry() {
		return ++swapRetries;
	}

	public int getSwapRetries() {
		return swapRetries;
	}

	/** One more good probe in a row; returns the streak. */
	public int probeSucceeded() {
		probeStreak = probeStreak < 0 ? 1 : probeStreak + 1;
		return probeStreak;
	}

	/** One more bad probe in a row; returns how many bad ones in a row so far. */
	public int probeFailed() {
		probeStreak = probeStreak > 0 ? -1 : probeStreak - 1;
		return -probeStreak;
	}

	public void markStuckReported() {
		stuckReported = true;
	}

	/**
	 * Persisted before the swap is sent: the site's last swap as it was, and when we asked. On a
	 * resume without a polling URL, a changed {@code slotSwapStatus} for this slot pair means the
	 * swap happened and must not be sent again.
	 */
	public void recordSwapIntent(SlotSwapStatus before, Instant now) {
		swapRequestedAt = now;
		swapStatusBeforeAt = before == null ? null : before.timestampUtc();
		swapStatusBeforeSource = before == null ? null : before.sourceSlotName();
		swapStatusBeforeTarget = before == null ? null : before.destinationSlotName();
		swapPollUrl = null;
		updatedAt = now;
	}

	public void recordSwapPollUrl(String pollUrl, Instant now) {
		swapPollUrl = pollUrl;
		updatedAt = now;
	}

	/** Forgets a swap intent (the swap was refused or done), so that a later swap records its own. */
	public void clearSwapIntent() {
		swapRequestedAt = null;
		swapStatusBeforeAt = null;
		swapStatusBeforeSource = null;
		swapStatusBeforeTarget = null;
		swapPollUrl = null;
	}

	/** The site's last swap as seen before this operation's swap was sent. */
	public SlotSwapStatus swapStatusBefore() {
		if (swapStatusBeforeAt == null) {
			return null;
		}
		return new SlotSwapStatus(swapStatusBeforeAt, swapStatusBeforeSource, swapStatusBeforeTarget);
	}

	/** The slots' host names, as Azure reported them when the operation was validated. */
	public void recordHostNames(String sourceHost, String targetHost) {
		sourceHostName = sourceHost;
		targetHostName = targetHost;
	}

	public String getSourceHostName() {
		return sourceHostName;
	}

	public String getTargetHostName() {
		return targetHostName;
	}

	/** Hands the history recorded since the last save to the store, once. */
	List<SwapEvent> drainNewEvents() {
		List<SwapEvent> drained = newEvents;
		newEvents = new ArrayList<>();
		return drained;
	}

	private void record(EventType type, SwapState from, SwapState to, Actor actor, String message, Instant at) {
		if (newEvents == null) {
			newEvents = new ArrayList<>();
		}
		newEvents.add(new SwapEvent(id, at, type, from, to, actor, message));
	}

	// ---------------------------------------------------------------- reads

	public UUID getId() {
		return id;
	}

	public SiteRef siteRef() {
		return new SiteRef(subscriptionId, resourceGroup, site);
	}

	public String getSubscriptionId() {
		return subscriptionId;
	}

	public String getResourceGroup() {
		return resourceGroup;
	}

	public String getSite() {
		return site;
	}

	public String getSourceSlot() {
		return sourceSlot;
	}

	public String getTargetSlot() {
		return targetSlot;
	}

	public SwapMode getMode() {
		return mode;
	}

	public boolean isPreserveVnet() {
		return preserveVnet;
	}

	public SwapState getState() {
		return state;
	}

	public String getRequestedBy() {
		return requestedBy;
	}

	public String getApprovedBy() {
		return approvedBy;
	}

	public String getCancelRequestedBy() {
		return cancelRequestedBy;
	}

	public boolean isCancelRequested() {
		return cancelRequestedBy != null;
	}

	public String getReason() {
		return reason;
	}

	public boolean isRequireApproval() {
		return requireApproval;
	}

	public Duration getApprovalTimeout() {
		return Duration.ofSeconds(approvalTimeoutSeconds);
	}

	public boolean isSlotsChanged() {
		return slotsChanged;
	}

	public UUID getRollbackOf() {
		return rollbackOf;
	}

	public UUID getRolledBackBy() {
		return rolledBackBy;
	}

	public SwapError getError() {
		return errorCode == null ? null : new SwapError(errorCode, errorMessage);
	}

	public WarmupSpec getWarmup() {
		return new WarmupSpec(warmupPath, split(warmupExpectedStatuses), warmupConsecutiveSuccesses,
				warmupIntervalSeconds, warmupTimeoutSeconds);
	}

	public VerificationSpec getVerification() {
		return new VerificationSpec(verificationPath, split(verificationExpectedStatuses),
				verificationDurationSeconds, verificationIntervalSeconds, verificationFailureThreshold,
				verificationAutoRollback);
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public Instant getCompletedAt() {
		return completedAt;
	}

	public Instant getStateEnteredAt() {
		return stateEnteredAt;
	}

	public Instant getNextRunAt() {
		return nextRunAt;
	}

	public String getLeaseOwner() {
		return leaseOwner;
	}

	public Instant getLeaseUntil() {
		return leaseUntil;
	}

	public int getAttempts() {
		return attempts;
	}

	public boolean isStuckReported() {
		return stuckReported;
	}

	public Instant getSwapRequestedAt() {
		return swapRequestedAt;
	}

	public String getSwapPollUrl() {
		return swapPollUrl;
	}

	public Long getVersion() {
		return version;
	}

	private static String join(List<Integer> statuses) {
		return statuses.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Integer> split(String statuses) {
		return Arrays.stream(statuses.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SwapOperation that && Objects.equals(id, that.id);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(id);
	}

	@Override
	public String toString() {
		return "SwapOperation[" + id + " " + state + " " + resourceGroup + "/" + site + " " + sourceSlot + "->"
				+ targetSlot + "]";
	}
}
