package io.slotswap.swap.engine;

import java.time.Instant;

import io.slotswap.azure.AzureException;
import io.slotswap.swap.SwapOperation;

/**
 * What a step says should happen next; the {@link StepRunner} applies it to the operation and
 * persists it. A handler cannot forget to reschedule: waiting is an outcome, not a side effect.
 */
sealed interface StepOutcome {

	/** A named transition of the aggregate (it picks the state, not the handler). */
	@FunctionalInterface
	interface Transition {

		void apply(SwapOperation operation, Instant now);
	}

	/**
	 * Move on through {@code transition}. With {@code resetPreviewFirst}, a prepared preview is reset
	 * in Azure before the transition is applied (an operation must never end leaving it prepared).
	 */
	record Advance(Transition transition, boolean resetPreviewFirst) implements StepOutcome {
	}

	/** Run the same step again at {@code at}. */
	record WaitUntil(Instant at) implements StepOutcome {
	}

	/**
	 * An Azure call did not get through while {@code doing}: wait with back-off (honouring
	 * {@code Retry-After}). Before the swap this is bounded, then the operation ends FAILED with
	 * Azure's code; in SWAPPING and ROLLING_BACK it waits as long as it takes.
	 */
	record Retry(AzureException error, String doing) implements StepOutcome {
	}

	/** End FAILED on the engine's decision (never in SWAPPING or ROLLING_BACK); a prepared preview is reset first. */
	record Fail(String code, String message) implements StepOutcome {
	}

	static StepOutcome advance(Transition transition) {
		return new Advance(transition, false);
	}

	static StepOutcome advanceAfterPreviewReset(Transition transition) {
		return new Advance(transition, true);
	}

	static StepOutcome waitUntil(Instant at) {
		return new WaitUntil(at);
	}

	static StepOutcome retry(AzureException error, String doing) {
		return new Retry(error, doing);
	}

	static StepOutcome fail(String code, String message) {
		return new Fail(code, message);
	}
}
