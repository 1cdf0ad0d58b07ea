package io.slotswap.swap;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves an operation together with the history its transitions recorded, in one transaction.
 * The {@code @Version} check makes a stale save (another replica, a concurrent cancel) fail
 * instead of overwriting. A rollback that ends without swapping re-opens its original in the same
 * transaction, whichever path ended it (the engine, a cancel, an expiry). New transitions are
 * published ({@link TransitionsRecorded}) inside the transaction, for the notification outbox.
 */
@Component
public class SwapOperations {

	private final SwapOperationRepository operations;

	private final SwapEventRepository events;

	private final ApplicationEventPublisher publisher;

	SwapOperations(SwapOperationRepository operations, SwapEventRepository events, ApplicationEventPublisher publisher) {
		this.operations = operations;
		this.events = events;
		this.publisher = publisher;
	}

	/**
	 * Persists the outcome of an engine step and gives the lease back, in one transaction; only
	 * the lease's owner can give it back.
	 */
	@Transactional
	public SwapOperation saveAndRelease(SwapOperation operation, String leaseOwner) {
		SwapOperation saved = save(operation);
		operations.release(saved.getId(), leaseOwner);
		return saved;
	}

	/** Persists the operation and its new history; returns the managed (re-versioned) copy. */
	@Transactional
	public SwapOperation save(SwapOperation operation) {
		List<SwapEvent> newEvents = operation.drainNewEvents();
		boolean endedNow = newEvents.stream().anyMatch(e -> e.getType() == EventType.TRANSITION
				&& e.getToState().isTerminal());
		SwapOperation saved = operations.saveAndFlush(operation);
		events.saveAll(newEvents);
		List<SwapEvent> transitions = newEvents.stream().filter(e -> e.getType() == EventType.TRANSITION).toList();
		if (!transitions.isEmpty()) {
			publisher.publishEvent(new TransitionsRecorded(saved, transitions));
		}
		if (endedNow && saved.isRollbackThatSwappedNothing()) {
			operations.findById(saved.getRollbackOf()).ifPresent(original -> {
				original.rollbackEndedWithoutSwapping(saved, saved.getCompletedAt() == null ? Instant.now()
						: saved.getCompletedAt());
				events.saveAll(original.drainNewEvents());
				operations.saveAndFlush(original);
			});
		}
		return saved;
	}
}
