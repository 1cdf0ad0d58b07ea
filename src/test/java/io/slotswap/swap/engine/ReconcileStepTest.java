package io.slotswap.swap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

import io.slotswap.azure.AzureException.Kind;
import io.slotswap.azure.SwapProgress;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapError;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapState;
import org.junit.jupiter.api.Test;

/** An operator's reconcile settles a stuck swap on what Azure shows, and only on that. */
class ReconcileStepTest {

	static final Instant T0 = SwappingStepTest.T0;

	static final Instant LATER = T0.plus(Duration.ofMinutes(40));

	final FakeGateway azure = new FakeGateway();

	final ReconcileStep reconcile = new ReconcileStep(azure, new SwapEvidence(azure), SwappingStepTest.PROPERTIES);

	SwapOperation stuck(String pollUrl) {
		SwapOperation op = SwappingStepTest.swappingOperation("production");
		op.recordSwapIntent(null, T0);
		op.swapSending(T0);
		if (pollUrl != null) {
			op.swapAccepted(pollUrl, T0);
		}
		op.requestReconcile(Actor.api("root"), Duration.ofMinutes(30), LATER);
		return op;
	}

	void run(SwapOperation op) {
		StepOutcome outcome = reconcile.run(new Step(op, Clock.fixed(LATER, ZoneOffset.UTC), UnaryOperator.identity(), Duration.ofSeconds(7)));
		if (outcome instanceof StepOutcome.Advance advance) {
			advance.transition().apply(op, LATER);
		}
		else if (outcome instanceof StepOutcome.WaitUntil wait) {
			op.waitUntil(wait.at());
		}
	}

	@Test
	void theSlotsShowingTheSwapCarryItOnAsIfAzureHadReportedSuccess() {
		SwapOperation op = stuck("http://arm/poll/1");
		azure.swapped("staging", "production", T0.plusSeconds(30));

		run(op);

		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
		assertThat(op.getReconcileRequestedBy()).isNull();
	}

	@Test
	void aPollingUrlThatStillSaysRunningKeepsItSwapping() {
		SwapOperation op = stuck("http://arm/poll/1");
		azure.pollAnswers.add(SwapProgress.running("http://arm/poll/2", null));

		run(op);

		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
		assertThat(op.getReconcileRequestedBy()).isNull();
		assertThat(op.getIntent().pollUrl()).isEqualTo("http://arm/poll/2");
	}

	@Test
	void noTraceOfTheSwapInAzureEndsItNotSwappedRecordingWhoDecided() {
		SwapOperation op = stuck("http://arm/poll/1");
		azure.pollAnswers.add(FakeGateway.error(Kind.NOT_FOUND, "NotFound"));

		run(op);

		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError().code()).isEqualTo(SwapError.NOT_SWAPPED);
		assertThat(op.getError().message()).contains("Reconciled by root").contains("no longer knows");
		assertThat(azure.swapsSent).isEmpty();
	}

	@Test
	void anAzureThatCannotBeAskedLeavesTheRequestStanding() {
		SwapOperation op = stuck("http://arm/poll/1");
		azure.pollAnswers.add(FakeGateway.error(Kind.UNAVAILABLE, "ServiceUnavailable"));

		run(op);

		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
		assertThat(op.getReconcileRequestedBy()).isEqualTo("root");
	}

	@Test
	void anOlderSwapOfTheSamePairIsNotTakenForThisOne() {
		SwapOperation op = SwappingStepTest.swappingOperation("production");
		azure.swapped("staging", "production", T0.minus(Duration.ofDays(7)));
		op.requestReconcile(Actor.api("root"), Duration.ofMinutes(30), LATER);

		run(op);

		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError().code()).isEqualTo(SwapError.NOT_SWAPPED);
	}

	@Test
	void aSendWhoseAnswerWasLostIsAwaitedBeforeReconcileDecides() {
		SwapOperation op = SwappingStepTest.swappingOperation("production");
		op.recordSwapIntent(null, LATER.minusSeconds(10));
		op.swapSending(LATER.minusSeconds(10));
		op.swapAnswerLost("504", LATER.minusSeconds(10));
		op.requestReconcile(Actor.api("root"), Duration.ofMinutes(30), LATER);

		run(op);

		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
		assertThat(op.getNextRunAt()).isEqualTo(LATER.minusSeconds(10).plus(Duration.ofMinutes(2)));
	}
}
