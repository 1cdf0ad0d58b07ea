package io.slotswap.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotSwapStatus;
import org.hibernate.annotations.DynamicUpdate;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

/**
 * A swap operation: the aggregate, and the only place its state changes. Every transition is a
 * named method that checks its own preconditions (the state, the approval deadline, four eyes,
 * rollback eligibility), moves through {@link SwapState}'s table and appends a history event, which
 * {@link SwapOperations#save} persists in the same transaction. Services and the engine call these
 * methods; they never pick a state.
 */
@Entity
@DynamicUpdate
@Table(name = "swap_operation")
public class SwapOperation {

	/** The MDC key (and JSON log field) that names the operation a log line was written for. */
	public static final String LOG_KEY = "operationId";

	@Id
	private UUID id;

	@Embedded
	private OperationSite where;

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

	@Column(name = "reconcile_requested_by")
	private String reconcileRequestedBy;

	private String reason;

	@Column(name = "require_approval", nullable = false)
	private boolean requireApproval;

	@Column(name = "approval_timeout_seconds", nullable = false)
	private long approvalTimeoutSeconds;

	/** True while this operation's swap is in effect: Azure completed it and no rollback undid it. */
	@Column(name = "slots_changed", nullable = false)
	private boolean slotsChanged;

	@Column(name = "rollback_of")
	private UUID rollbackOf;

	@Column(name = "rolled_back_by")
	private UUID rolledBackBy;

	@Embedded
	private SwapError error;

	@Embedded
	private RequestedChecks checks;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "completed_at")
	private Instant completedAt;

	@Column(name = "state_entered_at", nullable = false)
	private Instant stateEnteredAt;

	/** Resource Manager requests made for this operation so far, every attempt (see {@code ArmRequests}). */
	@Column(name = "arm_requests", nullable = false)
	private int armRequests;

	@Embedded
	private StepProgress progress;

	@Embedded
	private SwapIntent intent;

	// Written only by the engine's owner-checked queries (claim, renew, release), never by a save:
	// a save must not put back a lease that another replica has taken meanwhile.
	@Column(name = "lease_owner", insertable = false, updatable = false)
	private String leaseOwner;

	@Column(name = "lease_until", insertable = false, updatable = false)
	private Instant leaseUntil;

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
		op.where = new OperationSite(site, sourceSlot, targetSlot);
		op.mode = mode;
		op.preserveVnet = preserveVnet;
		op.state = SwapState.PENDING;
		op.activeSiteKey = site.key();
		op.requestedBy = requestedBy.name();
		op.reason = reason;
		op.requireApproval = requireApproval;
		op.approvalTimeoutSeconds = approvalTimeout.toSeconds();
		op.checks = new RequestedChecks(warmup, verification);
		op.createdAt = now;
		op.updatedAt = now;
		op.stateEnteredAt = now;
		op.progress = new StepProgress(now);
		op.intent = SwapIntent.none();
		op.record(EventType.TRANSITION, null, SwapState.PENDING, requestedBy,
				"Swap of " + sourceSlot + " into " + targetSlot + " requested" + (reason == null ? "" : ": " + reason),
				now);
		return op;
	}

	// ---------------------------------------------------------------- the engine's transitions

	/** PENDING → VALIDATING: the engine picked the operation up. */
	public void startValidating(Instant now) {
		requireState(SwapState.PENDING, SwapState.VALIDATING);
		moveTo(SwapState.VALIDATING, "Validating the site and its slots", Actor.ENGINE, now);
	}

	/** VALIDATING → APPLYING_CONFIG (preview) or WARMING_UP, remembering where probes go. */
	public void validated(String sourceHostName, String targetHostName, Instant now) {
		requireState(SwapState.VALIDATING, SwapState.WARMING_UP);
		where.hostNames(sourceHostName, targetHostName);
		if (mode == SwapMode.PREVIEW) {
			moveTo(SwapState.APPLYING_CONFIG, "Site and slots valid; applying the target's settings to "
					+ where.sourceSlot(), Actor.ENGINE, now);
		}
		else {
			moveTo(SwapState.WARMING_UP, "Site and slots valid; warming up " + sourceHostName, Actor.ENGINE, now);
		}
	}

	/** APPLYING_CONFIG → WARMING_UP: Azure applied the target's settings to the source (it restarts). */
	public void configApplied(Instant now) {
		requireState(SwapState.APPLYING_CONFIG, SwapState.WARMING_UP);
		moveTo(SwapState.WARMING_UP, "Target's settings applied to '" + where.sourceSlot() + "' (it restarts); "
				+ "warming up " + where.sourceHostName(), Actor.ENGINE, now);
	}

	/** WARMING_UP → AWAITING_APPROVAL (a preview, or a policy that requires approval) or SWAPPING. */
	public void warmedUp(String detail, Instant now) {
		requireState(SwapState.WARMING_UP, SwapState.SWAPPING);
		boolean approval = mode == SwapMode.PREVIEW || requireApproval;
		moveTo(approval ? SwapState.AWAITING_APPROVAL : SwapState.SWAPPING, "Warm-up passed: " + detail
				+ (approval ? "; waiting for approval" : "; swapping " + where.sourceSlot() + " into "
						+ where.targetSlot()), Actor.ENGINE, now);
	}

	/**
	 * Azure completed the swap: SWAPPING → VERIFYING (when verification applies) or SUCCEEDED;
	 * ROLLING_BACK → ROLLED_BACK. {@code actor} is the engine, or the operator who asked to reconcile.
	 */
	public void swapCompleted(String how, Actor actor, Instant now) {
		requireAzureSide(SwapState.SUCCEEDED);
		intent.clear();
		reconcileRequestedBy = null;
		if (state == SwapState.ROLLING_BACK) {
			slotsChanged = false;
			moveTo(SwapState.ROLLED_BACK, how + ": '" + where.targetSlot() + "' serves the previous build again",
					actor, now);
		}
		else if (getVerification().enabled()) {
			slotsChanged = true;
			moveTo(SwapState.VERIFYING, how + "; verifying " + where.targetHostName() + " for "
					+ getVerification().durationSeconds() + " s", actor, now);
		}
		else {
			slotsChanged = true;
			moveTo(SwapState.SUCCEEDED, how + ": '" + where.targetSlot() + "' now serves what '" + where.sourceSlot()
					+ "' had", actor, now);
		}
	}

	/**
	 * Azure reported that our swap failed: Azure leaves both slots as they were. SWAPPING → FAILED
	 * with Azure's code; ROLLING_BACK → FAILED {@code RollbackFailed} (the new build is still in the
	 * target). The only way an accepted swap ends FAILED besides {@link #swapNotHappened}.
	 */
	public void azureFailedSwap(String code, String message, Instant now) {
		requireAzureSide(SwapState.FAILED);
		intent.clear();
		if (state == SwapState.ROLLING_BACK) {
			end(SwapState.FAILED, SwapError.of(SwapError.ROLLBACK_FAILED, "Azure failed the rollback swap (" + code
					+ ": " + message + "); both slots stay as they were: '" + where.targetSlot()
					+ "' still serves the new build"), Actor.ENGINE, now);
		}
		else {
			end(SwapState.FAILED, SwapError.of(code == null ? SwapError.AZURE_SWAP_FAILED : code,
					"Azure failed the swap (both slots stay as they were): " + message), Actor.ENGINE, now);
		}
	}

	/**
	 * Azure refused to start the swap (a definite answer to the POST: nothing was swapped), after
	 * the engine's bounded tries. In ROLLING_BACK the new build stays in the target.
	 */
	public void swapRefused(String code, String message, Instant now) {
		requireAzureSide(SwapState.FAILED);
		intent.clear();
		if (state == SwapState.ROLLING_BACK) {
			end(SwapState.FAILED, SwapError.of(SwapError.ROLLBACK_FAILED, "Azure refused the rollback swap (" + code
					+ ": " + message + "); '" + where.targetSlot() + "' still serves the new build"), Actor.ENGINE, now);
		}
		else {
			end(SwapState.FAILED, SwapError.of(code, "Azure refused the swap, nothing was swapped: " + message),
					Actor.ENGINE, now);
		}
	}

	/**
	 * Settled by {@code reconcile}: Azure no longer knows the swap and the slots' status shows none.
	 * SWAPPING or ROLLING_BACK → FAILED {@code NotSwapped}, recording who decided and what Azure showed.
	 */
	public void swapNotHappened(Actor reconciler, String whatAzureShowed, Instant now) {
		requireAzureSide(SwapState.FAILED);
		intent.clear();
		reconcileRequestedBy = null;
		String what = state == SwapState.ROLLING_BACK ? "the rollback swap" : "the swap";
		end(SwapState.FAILED, SwapError.of(SwapError.NOT_SWAPPED, "Reconciled by " + reconciler.name() + ": Azure shows "
				+ "no trace of " + what + " (" + whatAzureShowed + "); both slots are as they were"), reconciler, now);
	}

	/** VERIFYING → SUCCEEDED. */
	public void verificationPassed(String detail, Instant now) {
		requireState(SwapState.VERIFYING, SwapState.SUCCEEDED);
		moveTo(SwapState.SUCCEEDED, "Verification passed: " + detail, Actor.ENGINE, now);
	}

	/** VERIFYING → ROLLING_BACK with {@code autoRollback}, else FAILED {@code VerificationFailed}. */
	public void verificationFailed(String why, Instant now) {
		requireState(SwapState.VERIFYING, SwapState.ROLLING_BACK);
		if (getVerification().autoRollback()) {
			error = SwapError.of(SwapError.VERIFICATION_FAILED, why);
			moveTo(SwapState.ROLLING_BACK, why + "; rolling back", Actor.ENGINE, now);
		}
		else {
			end(SwapState.FAILED, SwapError.of(SwapError.VERIFICATION_FAILED, why + "; the new build stays in '"
					+ where.targetSlot() + "' (autoRollback is off)"), Actor.ENGINE, now);
		}
	}

	/**
	 * Ends the operation FAILED on the engine's decision: allowed anywhere but SWAPPING and
	 * ROLLING_BACK, where only Azure's word ends it. Before the swap, the target was never touched.
	 */
	public void fail(String code, String message, Instant now) {
		if (state.azureSide()) {
			throw new IllegalStateTransitionException(id, state, SwapState.FAILED);
		}
		requireState(state, SwapState.FAILED);
		end(SwapState.FAILED, SwapError.of(code, message), Actor.ENGINE, now);
	}

	/**
	 * A prepared preview could not be reset (bounded tries): FAILED {@code PreviewNotReset}, saying
	 * the source slot is still prepared for swap. Also from SWAPPING: Azure failed the completion of
	 * the preview, which leaves both slots as they were but the source still prepared.
	 */
	public void previewNotReset(String why, Instant now) {
		if (mode != SwapMode.PREVIEW || !state.previewMayBePrepared()) {
			throw new IllegalStateTransitionException(id, state, SwapState.FAILED);
		}
		intent.clear();
		end(SwapState.FAILED, SwapError.of(SwapError.PREVIEW_NOT_RESET, "Slot '" + where.sourceSlot()
				+ "' could not be reset and is still prepared for swap with '" + where.targetSlot() + "' (" + why
				+ "); reset it (az webapp deployment slot swap --action reset) before anything else swaps this site"),
				Actor.ENGINE, now);
	}

	/** Completes a requested cancel (or an approval expiry), once any clean-up in Azure is done. */
	public void cancelled(Instant now) {
		if (cancelRequestedBy == null || !state.isCancellable()) {
			throw new IllegalStateTransitionException(id, state, SwapState.CANCELLED);
		}
		if (approvalExpired()) {
			end(SwapState.CANCELLED, SwapError.of(SwapError.APPROVAL_EXPIRED, "Nobody approved the swap within "
					+ getApprovalTimeout()), Actor.ENGINE, now);
		}
		else {
			// carried out by the engine (after the preview's reset), decided by the person who asked: the
			// audit names them, so that a search by actor finds the end of what they did
			end(SwapState.CANCELLED, SwapError.of(SwapError.CANCELLED, (state == SwapState.AWAITING_APPROVAL
					? "Rejected by " : "Cancelled by ") + cancelRequestedBy),
					new Actor(cancelRequestedBy, Channel.ENGINE), now);
		}
	}

	/** AWAITING_APPROVAL past its deadline: decided (and to be saved) before any clean-up, so a late approval is refused. */
	public void expireApproval(Instant now) {
		requireState(SwapState.AWAITING_APPROVAL, SwapState.CANCELLED);
		if (now.isBefore(approvalDeadline())) {
			throw new IllegalStateTransitionException(id, state, SwapState.CANCELLED);
		}
		if (cancelRequestedBy == null) {
			cancelRequestedBy = Actor.ENGINE.name();
			note("The approval expired at " + approvalDeadline(), Actor.ENGINE, now);
		}
	}

	// ---------------------------------------------------------------- what people ask for

	/**
	 * AWAITING_APPROVAL → SWAPPING. Refused when the operation is not awaiting approval, is being
	 * cancelled, is past its approval deadline, or when the approver requested it (four eyes; only
	 * authenticated principals can be told apart, which the history then says).
	 */
	public void approve(Actor approver, Instant now) {
		if (state != SwapState.AWAITING_APPROVAL) {
			throw new SwapExceptions.StateConflict("Operation " + id + " is " + state
					+ "; only an operation AWAITING_APPROVAL can be approved", state);
		}
		if (cancelRequestedBy != null) {
			throw new SwapExceptions.StateConflict("Operation " + id + " is being cancelled (" + cancelRequestedBy
					+ ") and can no longer be approved", state);
		}
		if (!now.isBefore(approvalDeadline())) {
			throw new SwapExceptions.StateConflict("The approval of operation " + id + " expired at "
					+ approvalDeadline(), state);
		}
		if (approver.name().equalsIgnoreCase(requestedBy)) {
			throw new SwapExceptions.Forbidden("The requester of a swap may not approve it; ask another approver");
		}
		approvedBy = approver.name();
		moveTo(SwapState.SWAPPING, "Approved by " + approver.name(), approver, now);
	}

	/**
	 * What an approver who may not cancel may still do: reject an operation that awaits approval.
	 * Anything else is refused (403): cancelling an operation on its way needs an operator.
	 */
	public boolean reject(Actor approver, Instant now) {
		if (state != SwapState.AWAITING_APPROVAL) {
			throw new SwapExceptions.Forbidden("An approver may reject an operation that awaits approval; operation "
					+ id + " is " + state + ", and cancelling it needs the operator role");
		}
		return cancel(approver, now);
	}

	/**
	 * Cancels an operation that has not reached SWAPPING (awaiting approval: a rejection). Where no
	 * clean-up in Azure is needed it ends CANCELLED at once and this returns true; a prepared preview
	 * must be reset first, so the cancel is recorded and the engine completes it.
	 */
	public boolean cancel(Actor actor, Instant now) {
		if (!state.isCancellable()) {
			throw new SwapExceptions.StateConflict("Operation " + id + " is " + state
					+ " and can no longer be cancelled", state);
		}
		boolean rejection = state == SwapState.AWAITING_APPROVAL;
		if (needsPreviewReset()) {
			if (cancelRequestedBy == null) {
				cancelRequestedBy = actor.name();
				note((rejection ? "Rejected by " : "Cancel requested by ") + actor.name()
						+ "; resetting the prepared slot first", actor, now);
			}
			progress.runAt(now);
			return false;
		}
		cancelRequestedBy = actor.name();
		end(SwapState.CANCELLED, SwapError.of(SwapError.CANCELLED, (rejection ? "Rejected by " : "Cancelled by ")
				+ actor.name()), actor, now);
		return true;
	}

	/**
	 * A new operation that swaps the same pair back, linked both ways. Allowed only for the latest
	 * operation of the site that changed its slots ({@code latestOfSite}), while its swap is in
	 * effect and nobody rolled it back yet. It skips approval, warms up what it swaps back in and
	 * verifies as the original did.
	 */
	public SwapOperation rollback(UUID rollbackId, SwapOperation latestOfSite, Actor actor, Instant now) {
		if (rolledBackBy != null) {
			throw new SwapExceptions.StateConflict("Operation " + id + " cannot be rolled back: it was already "
					+ "rolled back by " + rolledBackBy, state);
		}
		if (!slotsChanged || !state.isTerminal()) {
			throw new SwapExceptions.StateConflict("Operation " + id + " cannot be rolled back: its swap is not in "
					+ "effect (" + state + ")", state);
		}
		if (latestOfSite != null && !latestOfSite.getId().equals(id)) {
			throw new SwapExceptions.StateConflict("Operation " + id + " cannot be rolled back: operation "
					+ latestOfSite.getId() + " changed the site's slots after it", state);
		}
		SwapOperation rollback = request(rollbackId, siteRef(), where.sourceSlot(), where.targetSlot(), SwapMode.SWAP,
				preserveVnet, getWarmup(), getVerification(), false, getApprovalTimeout(), "Rollback of " + id, actor,
				now);
		rollback.rollbackOf = id;
		rolledBackBy = rollbackId;
		note("Rollback requested by " + actor.name() + ": operation " + rollbackId, actor, now);
		return rollback;
	}

	/**
	 * Asks the engine to settle a swap stuck past its report deadline on what Azure says, at once.
	 * Only for SWAPPING and ROLLING_BACK past {@code reportAfter}.
	 */
	public void requestReconcile(Actor admin, Duration reportAfter, Instant now) {
		if (!state.azureSide()) {
			throw new SwapExceptions.StateConflict("Operation " + id + " is " + state
					+ "; only an operation SWAPPING or ROLLING_BACK can be reconciled", state);
		}
		Instant due = stateEnteredAt.plus(reportAfter);
		if (now.isBefore(due)) {
			throw new SwapExceptions.StateConflict("Operation " + id + " has been " + state + " since "
					+ stateEnteredAt + "; it can be reconciled from " + due + " (swap-report-after " + reportAfter
					+ "), until then Azure's answer is awaited", state);
		}
		reconcileRequestedBy = admin.name();
		note("Reconcile requested by " + admin.name() + ": asking Azure now", admin, now);
		progress.runAt(now);
	}

	/** A reconcile found Azure still swapping: the operation stays, the request is done. */
	public void reconcileFoundSwapRunning(Actor admin, String whatAzureShowed, Instant now) {
		reconcileRequestedBy = null;
		note("Reconciled by " + admin.name() + ": " + whatAzureShowed + "; still " + state + ", waiting for Azure",
				admin, now);
	}

	/**
	 * Called on the original when its rollback ended without swapping (failed before the swap, was
	 * cancelled, was itself rolled back): the original's swap is still in effect and may be rolled
	 * back again. {@link SwapOperations#save} calls it in the rollback's own transaction.
	 */
	void rollbackEndedWithoutSwapping(SwapOperation rollback, Instant now) {
		if (rollback.getId().equals(rolledBackBy)) {
			rolledBackBy = null;
			note("Rollback " + rollback.getId() + " ended " + rollback.getState() + " without swapping; this swap is "
					+ "still in effect and can be rolled back again", Actor.ENGINE, now);
		}
	}

	/** Whether this operation just ended as a rollback that swapped nothing (its original's swap stands). */
	boolean isRollbackThatSwappedNothing() {
		return rollbackOf != null && state.isTerminal() && !slotsChanged;
	}

	// ---------------------------------------------------------------- the swap in Azure

	/** Persisted before the swap is sent: when we asked, and the last swap of the two slots as it was. */
	public void recordSwapIntent(SlotSwapStatus before, Instant now) {
		requireAzureSide(state);
		intent.record(before, now);
		updatedAt = now;
	}

	/** The swap POST goes out now (persisted first: a crash after it leaves "sent, outcome unknown"). */
	public void swapSending(Instant now) {
		intent.sending();
		updatedAt = now;
	}

	public void swapAccepted(String pollUrl, Instant now) {
		if (intent.pollUrl() == null) {
			note("Azure accepted the swap; following it", Actor.ENGINE, now);
		}
		intent.accepted(pollUrl);
		progress.gotThrough();
		updatedAt = now;
	}

	/** The swap's answer was lost: Azure may have accepted it. Reconcile before sending anything again. */
	public void swapAnswerLost(String why, Instant now) {
		intent.answerLost(now);
		note("The swap's answer was lost (" + why + "): Azure may have accepted it; checking the slots' "
				+ "slotSwapStatus before sending anything again", Actor.ENGINE, now);
	}

	/** Azure definitely did not take this send of the swap (a refusal, throttling, no connection). */
	public void swapNotAccepted(Instant now) {
		intent.notAccepted();
		updatedAt = now;
	}

	/** Azure no longer knows the swap's polling URL: follow it through the slots' status instead. */
	public void swapPollUrlForgotten(String why, Instant now) {
		intent.forgetPollUrl();
		note(why + "; following the swap through the slots' slotSwapStatus instead", Actor.ENGINE, now);
	}

	/**
	 * Azure failed the swap transiently and left both slots as they were: it will be sent again,
	 * with a fresh intent. Returns false when the retries are used up.
	 */
	public boolean retrySwapAfterTransientFailure(String code, String message, int maxRetries, Duration delay,
			Instant now) {
		if (progress.swapRetries() >= maxRetries) {
			return false;
		}
		int retry = progress.countSwapRetry();
		note("Azure failed the swap transiently (" + code + ": " + message + "); both slots are as they were, "
				+ "sending it again in " + delay.toSeconds() + " s (retry " + retry + " of " + maxRetries + ")",
				Actor.ENGINE, now);
		intent.restart();
		progress.runAt(now.plus(delay));
		return true;
	}

	public void markStuckReported(Duration after, Instant now) {
		if (!progress.stuckReported()) {
			progress.markStuckReported();
			note("Still " + state + " after " + after.toMinutes() + " min: waiting for Azure's word (the slots may be "
					+ "mid-swap); an operator should check the site, or reconcile it", Actor.ENGINE, now);
		}
	}

	// ---------------------------------------------------------------- probes

	/** One more good warm-up probe in a row; returns the streak. */
	public int goodWarmupProbe() {
		return progress.goodProbe();
	}

	/** One more bad warm-up probe in a row; returns how many bad ones in a row. */
	public int badWarmupProbe() {
		return progress.badProbe();
	}

	/**
	 * One verification probe at {@code now}. Only time observed counts towards the duration: when the
	 * previous probe is longer ago than {@code maxGap} (a crash, an outage), that gap does not count.
	 * Returns the bad answers in a row (0 after a good one).
	 */
	public int verificationProbe(boolean good, Duration maxGap, Instant now) {
		Instant previous = progress.lastProbeAt();
		Duration gap = previous == null ? Duration.ZERO : Duration.between(previous, now);
		boolean observed = gap.compareTo(maxGap) <= 0;
		if (!observed) {
			note("Verification was not observed for " + gap.toSeconds() + " s (a restart or an outage); that time "
					+ "does not count towards the " + getVerification().durationSeconds() + " s", Actor.ENGINE, now);
		}
		progress.verificationProbe(observed ? gap : Duration.ZERO, now);
		if (good) {
			progress.goodProbe();
			return 0;
		}
		return progress.badProbe();
	}

	public int getVerificationProbes() {
		return progress.probes();
	}

	public Duration getVerificationObserved() {
		return progress.observed();
	}

	// ---------------------------------------------------------------- engine bookkeeping

	/** Runs the current state's step again at {@code at}. */
	public void waitUntil(Instant at) {
		progress.runAt(at);
	}

	/** Counts one more try of the current step that did not get through; returns the count. */
	public int countAttempt() {
		return progress.countAttempt();
	}

	/** The current step got through (its Azure call answered): the tries start over. */
	public void gotThrough() {
		progress.gotThrough();
	}

	/** Remembers which engine replica ran the latest step. */
	public void ranOn(String runner) {
		progress.ranOn(runner);
	}

	/** Adds the Resource Manager requests a step (or the lookups before the operation was stored) made. */
	public void countArmRequests(int requests) {
		armRequests += requests;
	}

	public int getArmRequests() {
		return armRequests;
	}

	/**
	 * Records something worth knowing that is not a state change. A note equal to the previous one is
	 * counted instead of written again; the count is written once the note stops repeating.
	 */
	public void note(String message, Actor actor, Instant now) {
		updatedAt = now;
		if (progress.repeats(Text.truncate(message, 2000))) {
			return;
		}
		flushRepeatedNote(now);
		progress.startNote(Text.truncate(message, 2000));
		record(EventType.NOTE, state, state, actor, message, now);
	}

	private void flushRepeatedNote(Instant now) {
		String repeated = progress.repeatedNote();
		int repeats = progress.startNote(null);
		if (repeats > 0) {
			record(EventType.NOTE, state, state, Actor.ENGINE, "The previous note came " + repeats + " more time"
					+ (repeats == 1 ? "" : "s") + ": " + Text.truncate(repeated, 300), now);
		}
	}

	private void moveTo(SwapState next, String message, Actor actor, Instant now) {
		if (!state.canMoveTo(next)) {
			throw new IllegalStateTransitionException(id, state, next);
		}
		flushRepeatedNote(now);
		SwapState previous = state;
		state = next;
		stateEnteredAt = now;
		updatedAt = now;
		progress.restart(now);
		if (next.isTerminal()) {
			completedAt = now;
			activeSiteKey = null;
			reconcileRequestedBy = null;
		}
		record(EventType.TRANSITION, previous, next, actor, message, now);
	}

	private void end(SwapState terminal, SwapError why, Actor actor, Instant now) {
		error = why;
		moveTo(terminal, terminal == SwapState.CANCELLED ? why.message() : why.code() + ": " + why.message(), actor,
				now);
	}

	private void requireState(SwapState expected, SwapState next) {
		if (state != expected || !state.canMoveTo(next)) {
			throw new IllegalStateTransitionException(id, state, next);
		}
	}

	private void requireAzureSide(SwapState next) {
		if (!state.azureSide()) {
			throw new IllegalStateTransitionException(id, state, next);
		}
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

	/** Whether ending the operation now needs Azure's {@code resetSlotConfig} first (a prepared preview). */
	public boolean needsPreviewReset() {
		return mode == SwapMode.PREVIEW && state.previewMayBePrepared() && !slotsChanged;
	}

	/** When an operation awaiting approval stops waiting. */
	public Instant approvalDeadline() {
		return stateEnteredAt.plusSeconds(approvalTimeoutSeconds);
	}

	/** Whether the pending cancel is the engine's, because nobody approved in time. */
	public boolean approvalExpired() {
		return Actor.ENGINE.name().equals(cancelRequestedBy);
	}

	/** Whether {@code a} and {@code b} are this operation's two slots, in either order. */
	public boolean isPair(String a, String b) {
		return where.isPair(a, b);
	}

	public UUID getId() {
		return id;
	}

	public SiteRef siteRef() {
		return where.ref();
	}

	public String getSubscriptionId() {
		return where.subscriptionId();
	}

	public String getResourceGroup() {
		return where.resourceGroup();
	}

	public String getSite() {
		return where.site();
	}

	public String getSourceSlot() {
		return where.sourceSlot();
	}

	public String getTargetSlot() {
		return where.targetSlot();
	}

	public String getSourceHostName() {
		return where.sourceHostName();
	}

	public String getTargetHostName() {
		return where.targetHostName();
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

	public String getReconcileRequestedBy() {
		return reconcileRequestedBy;
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
		return error == null || error.code() == null ? null : error;
	}

	public WarmupSpec getWarmup() {
		return checks.warmup();
	}

	public VerificationSpec getVerification() {
		return checks.verification();
	}

	public SwapIntent getIntent() {
		if (intent == null) {
			intent = SwapIntent.none();
		}
		return intent;
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
		return progress.nextRunAt();
	}

	public String getLastRunner() {
		return progress.lastRunner();
	}

	public String getLeaseOwner() {
		return leaseOwner;
	}

	public Instant getLeaseUntil() {
		return leaseUntil;
	}

	public int getAttempts() {
		return progress.attempts();
	}

	public int getSwapRetries() {
		return progress.swapRetries();
	}

	public boolean isStuckReported() {
		return progress.stuckReported();
	}

	public Long getVersion() {
		return version;
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
		return "SwapOperation[" + id + " " + state + " " + where.resourceGroup() + "/" + where.site() + " "
				+ where.sourceSlot() + "->" + where.targetSlot() + "]";
	}
}
