package io.slotswap.swap.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import io.slotswap.swap.SwapOperation;

/**
 * One step of one operation: the operation as claimed, the step's clock, and a way to persist
 * progress before an action that must not be repeated blindly (the swap). After a checkpoint the
 * step holds the freshly saved entity: handlers read it through {@link #operation()} each time.
 */
final class Step {

	private SwapOperation operation;

	private final Clock clock;

	private final UnaryOperator<SwapOperation> checkpointer;

	private final Duration safeAfterCheckpoint;

	/** {@link System#nanoTime()} until which the last checkpoint vouches for the lease; none before one. */
	private long leaseSureUntil;

	private boolean checkpointed;

	/**
	 * @param safeAfterCheckpoint how long after a checkpoint began the lease it renewed is certainly
	 *        still ours (half the lease: the checkpoint's own round trip and the renewal are inside it)
	 */
	Step(SwapOperation operation, Clock clock, UnaryOperator<SwapOperation> checkpointer, Duration safeAfterCheckpoint) {
		this.operation = operation;
		this.clock = clock;
		this.checkpointer = checkpointer;
		this.safeAfterCheckpoint = safeAfterCheckpoint;
	}

	SwapOperation operation() {
		return operation;
	}

	Instant now() {
		return clock.instant();
	}

	/**
	 * Persists what the operation knows now, renewing the lease; fails (and the step is abandoned)
	 * when this replica no longer holds a live lease or the operation changed meanwhile.
	 */
	void checkpoint() {
		long began = System.nanoTime();
		operation = checkpointer.apply(operation);
		leaseSureUntil = began + safeAfterCheckpoint.toNanos();
		checkpointed = true;
	}

	/**
	 * Throws {@link StepRunner.LeaseLost} unless a checkpoint renewed the lease recently enough that no
	 * other replica can have taken it, by this process's monotonic clock: asked right before the swap
	 * request goes on the wire, so that a replica frozen after its checkpoint (a long pause, SIGSTOP)
	 * does not send a swap that the replica which took over may be sending too.
	 */
	void ensureLeaseStillOurs() {
		if (!checkpointed || System.nanoTime() - leaseSureUntil > 0) {
			throw new StepRunner.LeaseLost(operation.getId());
		}
	}
}
