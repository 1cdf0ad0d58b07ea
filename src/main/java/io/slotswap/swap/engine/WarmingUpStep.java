package io.slotswap.swap.engine;

import java.time.Instant;

import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapMode;
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

	private final PreviewReset previewReset;

	WarmingUpStep(Prober prober, PreviewReset previewReset) {
		this.prober = prober;
		this.previewReset = previewReset;
	}

	@Override
	public SwapState state() {
		return SwapState.WARMING_UP;
	}

	@Override
	public void run(Step step) {
		SwapOperation op = step.operation();
		WarmupSpec warmup = op.getWarmup();
		Instant deadline = op.getStateEnteredAt().plusSeconds(warmup.timeoutSeconds());
		if (!step.now().isBefore(deadline)) {
			String message = "Slot '" + op.getSourceSlot() + "' (" + op.getSourceHostName() + warmup.path()
					+ ") did not answer " + warmup.consecutiveSuccesses() + " times in a row with "
					+ warmup.expectedStatuses() + " within " + warmup.timeoutSeconds() + " s; production was not touched";
			if (op.getMode() == SwapMode.PREVIEW && !previewReset.reset(step, "the warm-up failed")) {
				return;
			}
			op.fail(SwapError.WARMUP_FAILED, message, Actor.ENGINE, step.now());
			return;
		}
		ProbeResult result = prober.probe(op.getSourceHostName(), warmup.path());
		if (result.matches(warmup.expectedStatuses())) {
			int streak = op.probeSucceeded();
			if (streak >= warmup.consecutiveSuccesses()) {
				boolean approval = op.getMode() == SwapMode.PREVIEW || op.isRequireApproval();
				op.advance(approval ? SwapState.AWAITING_APPROVAL : SwapState.SWAPPING,
						"Warm-up passed: " + streak + " answers in a row with " + result.describe()
								+ (approval ? "; waiting for approval" : "; swapping " + op.getSourceSlot() + " into "
										+ op.getTargetSlot()),
						Actor.ENGINE, step.now());
				return;
			}
		}
		else {
			int misses = op.probeFailed();
			if (misses == 1) {
				op.note("Warm-up probe of " + op.getSourceHostName() + warmup.path() + " answered "
						+ result.describe() + "; probing until it answers " + warmup.expectedStatuses(), Actor.ENGINE,
						step.now());
			}
		}
		Instant next = step.now().plusSeconds(warmup.intervalSeconds());
		op.runAgainAt(next.isAfter(deadline) ? deadline : next);
	}
}
