package io.slotswap.swap.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.slotswap.swap.Actor;
import io.slotswap.swap.Failures;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapOperations;
import io.slotswap.swap.SwapState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.TransactionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one step of one claimed operation and saves the outcome together with the lease release.
 * A save that finds the operation changed meanwhile (a cancel, another replica) is discarded.
 */
@Component
class StepRunner {

	private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

	private static final Duration AFTER_UNEXPECTED_ERROR = Duration.ofSeconds(30);

	private final Map<SwapState, StepHandler> handlers = new EnumMap<>(SwapState.class);

	private final SwapOperationRepository operations;

	private final SwapOperations store;

	private final PreviewReset previewReset;

	private final Replicas replicas;

	private final TransactionTemplate tx;

	private final Clock clock;

	StepRunner(List<StepHandler> handlers, SwapOperationRepository operations, SwapOperations store,
			PreviewReset previewReset, Replicas replicas, TransactionTemplate tx, Clock clock) {
		handlers.forEach(handler -> this.handlers.put(handler.state(), handler));
		this.operations = operations;
		this.store = store;
		this.previewReset = previewReset;
		this.replicas = replicas;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * @param expiredLeaseOf who held the lease that had expired when this replica claimed the
	 *        operation (a replica that stopped in the middle of a step), or null
	 */
	void run(UUID id, String owner, String expiredLeaseOf) {
		SwapOperation operation = operations.findById(id).orElse(null);
		if (operation == null || operation.getState().isTerminal() || !owner.equals(operation.getLeaseOwner())) {
			return;
		}
		SwapState state = operation.getState();
		Step step = new Step(operation, clock, store);
		try {
			noteResumption(operation, owner, expiredLeaseOf);
			if (operation.isCancelRequested() && state.isCancellable()) {
				cancel(step);
			}
			else {
				StepHandler handler = handlers.get(state);
				if (handler == null) {
					throw new IllegalStateException("no step for state " + state);
				}
				handler.run(step);
			}
			SwapOperation outcome = store.saveAndRelease(step.operation(), owner);
			if (outcome.getState().isTerminal() && outcome.getRollbackOf() != null && !outcome.isSlotsChanged()) {
				reopenRollbackOf(outcome);
			}
		}
		catch (OptimisticLockingFailureException raced) {
			log.debug("Operation {} changed while its {} step ran; the step will run again", id, state);
			release(id, owner);
		}
		catch (DataAccessException | TransactionException database) {
			log.warn("The {} step of {} could not reach the database ({}); it will run again once the lease expires",
					state, id, database.getClass().getSimpleName());
		}
		catch (RuntimeException e) {
			log.error("Step {} of operation {} failed unexpectedly ({}); retrying in {} s", state, id,
					Failures.describe(e), AFTER_UNEXPECTED_ERROR.toSeconds());
			afterUnexpectedError(id, owner);
		}
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

	private void cancel(Step step) {
		SwapOperation op = step.operation();
		boolean expired = Actor.ENGINE.name().equals(op.getCancelRequestedBy());
		if (op.getMode() == SwapMode.PREVIEW && op.getState() != SwapState.VALIDATING
				&& op.getState() != SwapState.PENDING
				&& !previewReset.reset(step, expired ? "the approval expired" : "the operation was cancelled")) {
			return;
		}
		if (expired) {
			op.cancel(SwapError.APPROVAL_EXPIRED, "Nobody approved the swap within " + op.getApprovalTimeout(),
					Actor.ENGINE, step.now());
		}
		else {
			op.cancel(SwapError.CANCELLED, (op.getState() == SwapState.AWAITING_APPROVAL ? "Rejected by " : "Cancelled by ")
					+ op.getCancelRequestedBy(), Actor.ENGINE, step.now());
		}
	}

	/** A rollback that swapped nothing leaves the original's swap in effect: it can be rolled back again. */
	private void reopenRollbackOf(SwapOperation rollback) {
		for (int attempt = 1; attempt <= 5; attempt++) {
			try {
				operations.findById(rollback.getRollbackOf()).ifPresent(original -> {
					original.rollbackEndedWithoutSwapping(rollback.getId(), rollback.getState(), clock.instant());
					store.save(original);
				});
				return;
			}
			catch (OptimisticLockingFailureException raced) {
				log.debug("Original of rollback {} changed meanwhile; trying again", rollback.getId());
			}
		}
	}

	private void afterUnexpectedError(UUID id, String owner) {
		try {
			SwapOperation fresh = operations.findById(id).orElse(null);
			if (fresh == null || fresh.getState().isTerminal()) {
				return;
			}
			fresh.note("An unexpected error interrupted the " + fresh.getState() + " step; it will run again",
					Actor.ENGINE, clock.instant());
			fresh.runAgainAfter(AFTER_UNEXPECTED_ERROR, clock.instant());
			store.saveAndRelease(fresh, owner);
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
