package io.slotswap.swap.engine;

import io.slotswap.swap.SwapState;

/**
 * Runs one step of an operation in {@link #state()}: reads facts, does its I/O, and returns what
 * should happen next. A step may run twice for the same state (a crash after acting, before the
 * commit), so every handler must be safe to repeat.
 */
interface StepHandler {

	SwapState state();

	StepOutcome run(Step step);
}
