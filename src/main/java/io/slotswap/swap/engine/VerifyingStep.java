package io.slotswap.swap.engine;

import java.time.Duration;
import java.time.Instant;

import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.VerificationSpec;
import org.springframework.stereotype.Component;

/**
 * VERIFYING: probes the target slot's host name for {@code durationSeconds}; on
 * {@code failureThreshold} bad answers in a row, rolls back (with {@code autoRollback}) or fails
 * with {@code VerificationFailed}, the new build left in place.
 * <p>
 * Verification cannot be cut short: only time observed counts (a gap longer than two intervals
 * plus a probe's time-out, after a crash or an outage, does not), and it never passes on fewer
 * probes than {@code failureThreshold}, the number it would have needed to fail.
 */
@Component
class VerifyingStep implements StepHandler {

	private static final Duration SLACK = Duration.ofSeconds(2);

	private final Prober prober;

	private final Duration probeTimeout;

	VerifyingStep(Prober prober, EngineProperties properties) {
		this.prober = prober;
		this.probeTimeout = properties.probeTimeout();
	}

	@Override
	public SwapState state() {
		return SwapState.VERIFYING;
	}

	@Override
	public StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		VerificationSpec verification = op.getVerification();
		Duration interval = Duration.ofSeconds(verification.intervalSeconds());
		Duration maxGap = interval.multipliedBy(2).plus(probeTimeout).plus(SLACK);
		ProbeResult result = prober.probe(op.getTargetHostName(), verification.path());
		int misses = op.verificationProbe(result.matches(verification.expectedStatuses()), maxGap, step.now());
		if (misses >= verification.failureThreshold()) {
			String why = "Verification failed: " + op.getTargetHostName() + verification.path() + " answered "
					+ result.describe() + ", " + misses + " bad answers in a row (expected "
					+ verification.expectedStatuses() + ")";
			return StepOutcome.advance((operation, now) -> operation.verificationFailed(why, now));
		}
		Duration duration = Duration.ofSeconds(verification.durationSeconds());
		Duration remaining = duration.minus(op.getVerificationObserved());
		int probesNeeded = Math.max(1, verification.failureThreshold());
		if (!(!remaining.isNegative() && !remaining.isZero()) && op.getVerificationProbes() >= probesNeeded) {
			String detail = op.getTargetHostName() + " healthy for " + op.getVerificationObserved().toSeconds()
					+ " s observed, " + op.getVerificationProbes() + " probes";
			return StepOutcome.advance((operation, now) -> operation.verificationPassed(detail, now));
		}
		Duration wait = (!remaining.isNegative() && !remaining.isZero()) && remaining.compareTo(interval) < 0 ? remaining : interval;
		Instant next = step.now().plus(wait);
		return StepOutcome.waitUntil(next);
	}
}
