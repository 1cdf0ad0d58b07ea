package io.slotswap.swap.engine;

import io.slotswap.swap.SwapState;

/**
 * Runs one step of an operation in {@link #state()}. A step may run twice for the same state
 * (a crash after acting, before the commit), so every handler must be safe to repeat.
 */
interface StepHandler {

	SwapState state();

	/** Moves the operation on: advance, fail, or wait (run again later). */
	void run(Step step);
}
