package io.slotswap.swap.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.slotswap.azure.ArmRequests;
import io.slotswap.azure.AzureException;
import io.slotswap.swap.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.Failures;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapOperations;
import io.slotswap.swap.SwapState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one step of one claimed operation: picks what to run (a requested cancel or reconcile, else
 * the handler of its state), applies the {@link StepOutcome} the step returns, and saves it together
 * with the lease release. A save that finds the operation changed meanwhile (a cancel, another
 * replica that took an expired lease) is discarded.
 */
@Component
class StepRunner {

	private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

	static final Duration AFTER_UNEXPECTED_ERROR = Duration.ofSeconds(30);

	/**
	 * The longest a step's call waits for a token of Resource Manager's budget. Past it the step gives
	 * its worker back and is due again when the token is: a worker held for a subscription whose budget
	 * is spent would keep the operations of every other subscription waiting.
	 */
	static final Duration BUDGET_WAIT = Duration.ofSeconds(1);

	private final Map<SwapState, StepHandler> handlers = new EnumMap<>(SwapState.class);

	private final ReconcileStep reconcile;

	private final SwapOperationRepository operations;

	private final SwapOperations store;

	private final PreviewReset previewReset;

	private final Replicas replicas;

	private final EngineProperties properties;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final MeterRegistry meters;

	StepRunner(List<StepHandler> handlers, ReconcileStep reconcile, SwapOperationRepository operations,
			SwapOperations store, PreviewReset previewReset, Replicas replicas, EngineProperties properties,
			TransactionTemplate tx, Clock clock, MeterRegistry meters) {
		handlers.forEach(handler -> this.handlers.put(handler.state(), handler));
		this.meters = meters;
		this.reconcile = reconcile;
		this.operations = operations;
		this.store = store;
		this.previewReset = previewReset;
		this.replicas = replicas;
		this.properties = properties;
		this.tx = tx;
		this.clock = clock;
	}

	/** The step can no longer act for this replica: its lease expired, or the operation changed. */
	static final class LeaseLost extends RuntimeException {

		LeaseLost(UUID id) {
			super("lease of " + id + " lost", null, false, false);
		}
	}

	/**
	 * @param expiredLeaseOf who held the lease that had expired when this replica claimed the
	 *        operation (a replica that stopped in the middle of a step), or null
	 * @return when the operation's next step is due, if this step saved one; else null
	 */
	Instant run(UUID id, String owner, String expiredLeaseOf) {
		SwapOperation operation = operations.findById(id).orElse(null);
		if (operation == null || operation.getState().isTerminal() || !owner.equals(operation.getLeaseOwner())) {
			release(id, owner);
			return null;
		}
		SwapState state = operation.getState();
		Step step = step(operation, owner);
		try (ArmRequests.Tally requests = ArmRequests.counting(BUDGET_WAIT)) {
			noteResumption(operation, owner, expiredLeaseOf);
			StepOutcome outcome;
			Timer.Sample timing = Timer.start(meters);
			try {
				outcome = next(step);
			}
			catch (LeaseLost | DataAccessException | TransactionException e) {
				throw e;
			}
			catch (RuntimeException unexpected) {
				log.error("Step {} of operation {} failed unexpectedly ({})", state, id, Failures.describe(unexpected));
				afterUnexpectedError(id, owner, unexpected);
				return null;
			}
			finally {
				timing.stop(Timer.builder("slotswap.step.duration")
					.description("One step of an operation, by the state it ran in")
					.tag("state", state.name())
					.register(meters));
			}
			apply(outcome, step);
			step.operation().countArmRequests(requests.requests());
			store.saveAndRelease(step.operation(), owner);
			return step.operation().getState().isTerminal() ? null : step.operation().getNextRunAt();
		}
		catch (LeaseLost | OptimisticLockingFailureException raced) {
			log.debug("Operation {} changed or its lease expired while its {} step ran; the step is discarded", id,
					state);
			release(id, owner);
			return null;
		}
		catch (DataAccessException | TransactionException database) {
			log.warn("The {} step of {} could not reach the database ({}); it will run again once the lease expires",
					state, id, database.getClass().getSimpleName());
			return null;
		}
	}

	private StepOutcome next(Step step) {
		SwapOperation op = step.operation();
		SwapState state = op.getState();
		if (op.isCancelRequested() && state.isCancellable()) {
			return StepOutcome.advanceAfterPreviewReset(SwapOperation::cancelled);
		}
		if (op.getReconcileRequestedBy() != null && state.azureSide()) {
			return reconcile.run(step);
		}
		StepHandler handler = handlers.get(state);
		if (handler == null) {
			throw new IllegalStateException("no step for state " + state);
		}
		return handler.run(step);
	}

	/** Applies what the step returned to the operation the step holds now. */
	void apply(StepOutcome outcome, Step step) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		if (outcome instanceof StepOutcome.Advance advance) {
			if (advance.resetPreviewFirst() && op.needsPreviewReset() && !previewReset.reset(step)) {
				return;
			}
			op.gotThrough();
			advance.transition().apply(op, now);
		}
		else if (outcome instanceof StepOutcome.WaitUntil wait) {
			op.waitUntil(wait.at());
		}
		else if (outcome instanceof StepOutcome.Retry retry) {
			retry(step, retry.error(), retry.doing());
		}
		else if (outcome instanceof StepOutcome.Fail fail) {
			if (op.needsPreviewReset() && !previewReset.reset(step)) {
				return;
			}
			op.fail(fail.code(), fail.message(), now);
		}
	}

	/**
	 * An Azure call that did not get through: back off and say so (a repeating note is written once).
	 * Before the swap the tries are bounded; SWAPPING and ROLLING_BACK wait as long as it takes.
	 */
	private void retry(Step step, AzureException error, String doing) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		if (error.budgetSpent()) {
			// our own pacing, not a failed try: wait for the budget, however long the queue
			op.note("Waiting for Resource Manager's request budget of subscription " + op.getSubscriptionId()
					+ " before " + doing, Actor.ENGINE, now);
			op.waitUntil(now.plus(error.retryAfter()));
			return;
		}
		int attempt = op.countAttempt();
		boolean refused = error.isRefusal();
		String what = (refused ? "Azure refused " : "Azure did not answer while ") + doing + " (" + error.code()
				+ ": " + error.getMessage() + ")";
		int limit = refused ? properties.maxRefusals() : properties.maxTransientAttempts();
		if (!op.getState().azureSide() && attempt >= limit) {
			if (op.needsPreviewReset() && !previewReset.reset(step)) {
				return;
			}
			op.fail(error.code(), what + "; gave up after " + attempt + " tries", now);
			return;
		}
		op.note(what + "; trying again with back-off" + (op.getState().azureSide()
				? " (the swap's outcome is not guessed: only Azure's word ends it)" : ""), Actor.ENGINE, now);
		op.waitUntil(now.plus(properties.backoff(attempt, error.retryAfter())));
	}

	/**
	 * Checkpoints the operation before an action that must not be repeated blindly: saved with its
	 * version checked, and only while this replica holds a live lease by the database's clock.
	 */
	/** A step of {@code operation}; its checkpoints vouch for the lease for half of it. */
	private Step step(SwapOperation operation, String owner) {
		return new Step(operation, clock, op -> checkpoint(op, owner), properties.leaseDuration().dividedBy(2));
	}

	private SwapOperation checkpoint(SwapOperation operation, String owner) {
		return tx.execute(status -> {
			// renews the lease by the database's clock, and only while it is live
			if (operations.renew(operation.getId(), owner, properties.leaseSeconds()) == 0) {
				throw new LeaseLost(operation.getId());
			}
			return store.save(operation);
		});
	}

	/**
	 * A step whose previous one ran on a replica that has since stopped (crash, redeploy) is a
	 * resumption: the history says so. Work moving between live replicas is not worth a note.
	 */
	private void noteResumption(SwapOperation operation, String owner, String expiredLeaseOf) {
		String previous = operation.getLastRunner();
		if (expiredLeaseOf != null && !expiredLeaseOf.equals(owner)) {
			operation.note("Resumed " + operation.getState() + " on replica " + owner + ": replica " + expiredLeaseOf
					+ " stopped in the middle of this step (its lease expired); the step runs again", Actor.ENGINE,
					clock.instant());
		}
		else if (previous != null && !previous.equals(owner)) {
			Instant lastSeen = replicas.lastSeenIfSilent(previous);
			if (lastSeen != null) {
				operation.note("Resumed " + operation.getState() + " on replica " + owner + ": replica " + previous
						+ " that ran the previous step stopped"
						+ (Instant.EPOCH.equals(lastSeen) ? "" : " (last seen " + lastSeen + ")"), Actor.ENGINE,
						clock.instant());
			}
		}
		operation.ranOn(owner);
	}

	/**
	 * A step that failed in an unexpected way is bounded too: before the swap (and while verifying) the
	 * operation ends FAILED {@code InternalError} after a few; in SWAPPING and ROLLING_BACK it is reported
	 * (once, with a count) and tried again, never guessed.
	 */
	private void afterUnexpectedError(UUID id, String owner, RuntimeException error) {
		try {
			SwapOperation fresh = operations.findById(id).orElse(null);
			if (fresh == null || fresh.getState().isTerminal() || !owner.equals(fresh.getLeaseOwner())) {
				release(id, owner);
				return;
			}
			Instant now = clock.instant();
			int attempt = fresh.countAttempt();
			String what = "An unexpected error (" + error.getClass().getSimpleName() + ") interrupted the "
					+ fresh.getState() + " step";
			Step step = step(fresh, owner);
			if (!fresh.getState().azureSide() && attempt >= properties.maxUnexpectedErrors()) {
				apply(StepOutcome.fail(SwapError.INTERNAL_ERROR, what + " " + attempt + " times; giving up"), step);
			}
			else {
				fresh.note(what + "; it will run again" + (fresh.getState().azureSide()
						? " (the swap's outcome is not guessed: only Azure's word ends it)" : ""), Actor.ENGINE, now);
				fresh.waitUntil(now.plus(AFTER_UNEXPECTED_ERROR));
			}
			store.saveAndRelease(step.operation(), owner);
		}
		catch (RuntimeException again) {
			log.warn("Could not record the interrupted step of {} ({}); its lease will expire", id,
					again.getClass().getSimpleName());
		}
	}

	private void release(UUID id, String owner) {
		try {
			tx.executeWithoutResult(status -> operations.release(id, owner));
		}
		catch (RuntimeException e) {
			log.warn("Could not release the lease of {} ({}); it will expire", id, e.getClass().getSimpleName());
		}
	}
}
