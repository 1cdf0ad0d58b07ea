package io.slotswap.swap.engine;

import java.time.Instant;

import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.VerificationSpec;
import org.springframework.stereotype.Component;

/**
 * VERIFYING: probes the target slot's host name for {@code durationSeconds}; on
 * {@code failureThreshold} bad answers in a row, rolls back (with {@code autoRollback}) or fails
 * with {@code VerificationFailed}, the new build left in place.
 */
@Component
class VerifyingStep implements StepHandler {

	private final Prober prober;

	VerifyingStep(Prober prober) {
		this.prober = prober;
	}

	@Override
	public SwapState state() {
		return SwapState.VERIFYING;
	}

	@Override
	public void run(Step step) {
		SwapOperation op = step.operation();
		VerificationSpec verification = op.getVerification();
		Instant end = op.getStateEnteredAt().plusSeconds(verification.durationSeconds());
		ProbeResult result = prober.probe(op.getTargetHostName(), verification.path());
		if (result.matches(verification.expectedStatuses())) {
			op.probeSucceeded();
		}
		else {
			int misses = op.probeFailed();
			if (misses >= verification.failureThreshold()) {
				String why = "Verification failed: " + op.getTargetHostName() + verification.path() + " answered "
						+ result.describe() + ", " + misses + " bad answers in a row (expected "
						+ verification.expectedStatuses() + ")";
				if (verification.autoRollback()) {
					op.advance(SwapState.ROLLING_BACK, why + "; rolling back", Actor.ENGINE, step.now());
				}
				else {
					op.fail(SwapError.VERIFICATION_FAILED, why + "; the new build stays in '" + op.getTargetSlot()
							+ "' (autoRollback is off)", Actor.ENGINE, step.now());
				}
				return;
			}
		}
		if (!step.now().isBefore(end)) {
			op.advance(SwapState.SUCCEEDED, "Verification passed: " + op.getTargetHostName() + " healthy for "
					+ verification.durationSeconds() + " s", Actor.ENGINE, step.now());
			return;
		}
		Instant next = step.now().plusSeconds(verification.intervalSeconds());
		op.runAgainAt(next.isAfter(end) ? end : next);
	}
}
