package io.slotswap.swap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.slotswap.azure.SiteRef;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.VerificationSpec;
import io.slotswap.swap.WarmupSpec;
import org.junit.jupiter.api.Test;

/** Verification cannot be cut short: a fixed clock and a scripted prober. */
class VerifyingStepTest {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	int status = 200;

	final Prober prober = new Prober(new FakeGateway(), SwappingStepTest.PROPERTIES) {
		@Override
		ProbeResult probe(String hostName, String path) {
			return ProbeResult.answered(status);
		}
	};

	final VerifyingStep verifying = new VerifyingStep(prober, SwappingStepTest.PROPERTIES);

	static SwapOperation verifying(int durationSeconds, int failureThreshold) {
		SwapOperation op = SwapOperation.request(UUID.randomUUID(), new SiteRef("sub", "rg", "site"), "staging",
				"production", SwapMode.SWAP, true, new WarmupSpec("/", List.of(200), 1, 1, 60),
				new VerificationSpec("/", List.of(200), durationSeconds, 5, failureThreshold, true), false,
				Duration.ofHours(1), null, Actor.api("alice"), T0);
		op.startValidating(T0);
		op.validated("src", "dst", T0);
		op.warmedUp("ok", T0);
		op.swapCompleted("done", Actor.ENGINE, T0);
		return op;
	}

	/** Runs a step at {@code at}; returns when the next one is due (null once the state changed). */
	Instant run(SwapOperation op, Instant at) {
		StepOutcome outcome = verifying.run(new Step(op, Clock.fixed(at, ZoneOffset.UTC), UnaryOperator.identity(), Duration.ofSeconds(7)));
		if (outcome instanceof StepOutcome.Advance advance) {
			advance.transition().apply(op, at);
			return null;
		}
		return ((StepOutcome.WaitUntil) outcome).at();
	}

	@Test
	void verificationPassesAfterItsDurationObserved() {
		SwapOperation op = verifying(60, 3);

		Instant at = T0;
		int steps = 0;
		while (at != null) {
			at = run(op, at);
			steps++;
		}

		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
		assertThat(steps).isEqualTo(13);
	}

	@Test
	void timeNobodyObservedDoesNotCountTowardsTheDuration() {
		SwapOperation op = verifying(60, 3);

		run(op, T0);
		run(op, T0.plusSeconds(5));
		// the control plane was down for an hour: far past the duration, one probe after it is not enough
		Instant next = run(op, T0.plus(Duration.ofHours(1)));

		assertThat(op.getState()).isEqualTo(SwapState.VERIFYING);
		assertThat(next).isEqualTo(T0.plus(Duration.ofHours(1)).plusSeconds(5));
	}

	@Test
	void verificationNeverPassesOnFewerProbesThanTheFailureThreshold() {
		SwapOperation op = verifying(1, 3);

		run(op, T0);
		run(op, T0.plusSeconds(1));

		assertThat(op.getState()).isEqualTo(SwapState.VERIFYING);
		run(op, T0.plusSeconds(6));
		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
		assertThat(op.getError()).isNull();
		assertThat(op.getUpdatedAt()).isEqualTo(T0.plusSeconds(6));
	}

	@Test
	void failureThresholdBadAnswersInARowRollBack() {
		SwapOperation op = verifying(60, 3);
		status = 500;

		run(op, T0);
		run(op, T0.plusSeconds(5));
		run(op, T0.plusSeconds(10));

		assertThat(op.getState()).isEqualTo(SwapState.ROLLING_BACK);
		assertThat(op.getError().code()).isEqualTo("VerificationFailed");
	}
}
