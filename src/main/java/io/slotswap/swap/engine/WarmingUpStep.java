package io.slotswap.swap.engine;

import java.time.Instant;

import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.WarmupSpec;
import org.springframework.stereotype.Component;

/**
 * WARMING_UP: probes the source slot's host name every {@code intervalSeconds} until
 * {@code consecutiveSuccesses} answers in {@code expectedStatuses}; past {@code timeoutSeconds}
 * the operation fails with {@code WarmupFailed} and production was never touched.
 */
@Component
class WarmingUpStep implements StepHandler {

	private final Prober prober;

	WarmingUpStep(Prober prober) {
		this.prober = prober;
	}

	@Override
	public SwapState state() {
		return SwapState.WARMING_UP;
	}

	@Override
	public StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		WarmupSpec warmup = op.getWarmup();
		Instant deadline = op.getStateEnteredAt().plusSeconds(warmup.timeoutSeconds());
		if (!step.now().isBefore(deadline)) {
			return StepOutcome.fail(SwapError.WARMUP_FAILED, "Slot '" + op.getSourceSlot() + "' ("
					+ op.getSourceHostName() + warmup.path() + ") did not answer " + warmup.consecutiveSuccesses()
					+ " times in a row with " + warmup.expectedStatuses() + " within " + warmup.timeoutSeconds()
					+ " s; production was not touched");
		}
		ProbeResult result = prober.probe(op.getSourceHostName(), warmup.path());
		if (result.matches(warmup.expectedStatuses())) {
			int streak = op.goodWarmupProbe();
			if (streak >= warmup.consecutiveSuccesses()) {
				String detail = streak + " answers in a row with " + result.describe();
				return StepOutcome.advance((operation, now) -> operation.warmedUp(detail, now));
			}
		}
		else if (op.badWarmupProbe() == 1) {
			op.note("Warm-up probe of " + op.getSourceHostName() + warmup.path() + " answered " + result.describe()
					+ "; probing until it answers " + warmup.expectedStatuses(), Actor.ENGINE, step.now());
		}
		Instant next = step.now().plusSeconds(warmup.intervalSeconds());
		return StepOutcome.waitUntil(next.isAfter(deadline) ? deadline : next);
	}
}
