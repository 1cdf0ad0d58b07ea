package io.slotswap.swap.engine;

import java.time.Clock;
import java.time.Instant;

import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperations;

/**
 * One step of one operation: the operation as claimed, the time the step started, and a way to
 * persist progress before an action that must not be repeated blindly (a swap).
 */
final class Step {

	private SwapOperation operation;

	private final Clock clock;

	private final SwapOperations store;

	Step(SwapOperation operation, Clock clock, SwapOperations store) {
		this.operation = operation;
		this.clock = clock;
		this.store = store;
	}

	SwapOperation operation() {
		return operation;
	}

	Instant now() {
		return clock.instant();
	}

	/** Persists what the operation knows now, keeping the lease. */
	void checkpoint() {
		operation = store.save(operation);
	}
}
