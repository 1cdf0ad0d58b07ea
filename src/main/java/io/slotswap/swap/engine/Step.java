package io.slotswap.swap.engine;

import java.time.Clock;
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

	Step(SwapOperation operation, Clock clock, UnaryOperator<SwapOperation> checkpointer) {
		this.operation = operation;
		this.clock = clock;
		this.checkpointer = checkpointer;
	}

	SwapOperation operation() {
		return operation;
	}

	Instant now() {
		return clock.instant();
	}

	/**
	 * Persists what the operation knows now, keeping the lease; fails (and the step is abandoned)
	 * when this replica no longer holds a live lease or the operation changed meanwhile.
	 */
	void checkpoint() {
		operation = checkpointer.apply(operation);
	}
}
