package io.slotswap.swap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.slotswap.azure.AzureException.Kind;
import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SwapProgress;
import io.slotswap.swap.Actor;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.VerificationSpec;
import io.slotswap.swap.WarmupSpec;
import org.junit.jupiter.api.Test;

/** The exactly-once swap, facts in and outcome out: a fixed clock and a test double of the gateway. */
class SwappingStepTest {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	static final EngineProperties PROPERTIES = new EngineProperties(Duration.ofSeconds(1), Duration.ofSeconds(15), 8,
			Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(2),
			Duration.ofSeconds(60), 3, 10, 3, 10, 3, Duration.ofMinutes(2));

	final FakeGateway azure = new FakeGateway();

	final SwappingStep swapping = new SwappingStep(azure, new SwapEvidence(azure), PROPERTIES, noSwapsInFlight());

	static SwapOperationRepository noSwapsInFlight() {
		return (SwapOperationRepository) Proxy.newProxyInstance(SwapOperationRepository.class.getClassLoader(),
				new Class<?>[] { SwapOperationRepository.class }, (proxy, method, args) -> {
					if (method.getName().equals("countSwapsInFlight")) {
						return 0L;
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

	static SwapOperation swappingOperation(String target) {
		SwapOperation op = SwapOperation.request(UUID.randomUUID(), new SiteRef("sub", "rg", "site"), "staging",
				target, SwapMode.SWAP, true, new WarmupSpec("/", List.of(200), 1, 1, 60),
				new VerificationSpec("/", List.of(200), 0, 5, 3, true), false, Duration.ofHours(1), null,
				Actor.api("alice"), T0);
		op.startValidating(T0);
		op.validated("src", "dst", T0);
		op.warmedUp("ok", T0);
		return op;
	}

	/** Runs the step at {@code at} and applies its outcome the way the runner does for these cases. */
	StepOutcome run(SwapOperation op, Instant at) {
		Step step = new Step(op, Clock.fixed(at, ZoneOffset.UTC), UnaryOperator.identity(), Duration.ofSeconds(7));
		StepOutcome outcome = swapping.run(step);
		if (outcome instanceof StepOutcome.Advance advance) {
			advance.transition().apply(op, at);
		}
		else if (outcome instanceof StepOutcome.WaitUntil wait) {
			op.waitUntil(wait.at());
		}
		return outcome;
	}

	@Test
	void aReplicaPausedAfterItsCheckpointForLongerThanTheLeaseVouchesForSendsNothing() {
		SwapOperation op = swappingOperation("production");
		UnaryOperator<SwapOperation> slowCheckpoint = saved -> {
			try {
				Thread.sleep(5); // a pause after the lease was renewed: the step no longer knows it is the owner
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return saved;
		};
		Step step = new Step(op, Clock.fixed(T0, ZoneOffset.UTC), slowCheckpoint, Duration.ofMillis(1));

		assertThatExceptionOfType(StepRunner.LeaseLost.class).isThrownBy(() -> swapping.run(step));

		assertThat(azure.swapsSent).as("no swap request went out").isEmpty();
	}

	@Test
	void anAcceptedSwapIsFollowedThroughItsPollingUrlAndSentOnce() {
		SwapOperation op = swappingOperation("production");
		azure.swapAnswers.add(SwapProgress.running("http://arm/poll/1", Duration.ofSeconds(3)));
		azure.pollAnswers.add(SwapProgress.running("http://arm/poll/1", Duration.ofSeconds(3)));
		azure.pollAnswers.add(SwapProgress.succeeded());

		assertThat(run(op, T0)).isEqualTo(StepOutcome.waitUntil(T0.plusSeconds(3)));
		run(op, T0.plusSeconds(3));
		run(op, T0.plusSeconds(6));

		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
		assertThat(azure.swapsSent).hasSize(1);
	}

	@Test
	void pollsKeepToAzuresRhythmFromWhenEachWasDueSoTheEnginesOwnDelaysDoNotAddUp() {
		SwapOperation op = swappingOperation("production");
		azure.swapAnswers.add(SwapProgress.running("http://arm/poll/1", Duration.ofSeconds(1)));
		for (int i = 0; i < 3; i++) {
			azure.pollAnswers.add(SwapProgress.running("http://arm/poll/1", Duration.ofSeconds(1)));
		}

		assertThat(run(op, T0)).isEqualTo(StepOutcome.waitUntil(T0.plusSeconds(1)));
		// each poll runs 40 ms after it was due; the next one is still due a whole second after the last was due
		assertThat(run(op, T0.plusMillis(1040))).isEqualTo(StepOutcome.waitUntil(T0.plusSeconds(2)));
		assertThat(run(op, T0.plusMillis(2040))).isEqualTo(StepOutcome.waitUntil(T0.plusSeconds(3)));
		// a poll that ran much later than it was due starts the rhythm again from its own answer
		assertThat(run(op, T0.plusMillis(4500))).isEqualTo(StepOutcome.waitUntil(T0.plusMillis(5500)));
	}

	@Test
	void aPollThatRanLateIsNeverFollowedByOneSoonerThanHalfOfRetryAfter() {
		Instant due = T0;
		assertThat(AzureSwapStep.nextPoll(due, Duration.ofSeconds(1), T0.plusMillis(800)))
			.isEqualTo(T0.plusMillis(1300));
		assertThat(AzureSwapStep.nextPoll(due, Duration.ofSeconds(1), T0.plusMillis(100))).isEqualTo(T0.plusSeconds(1));
		assertThat(AzureSwapStep.nextPoll(null, Duration.ofSeconds(1), T0)).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void aLostAnswerIsNeverSentAgainWhileTheSlotsMayStillShowTheSwap() {
		SwapOperation op = swappingOperation("production");
		azure.swapAnswers.add(FakeGateway.error(Kind.AMBIGUOUS, "GatewayTimeout"));

		run(op, T0);
		for (int s = 2; s < 120; s += 2) {
			run(op, T0.plusSeconds(s));
		}

		assertThat(azure.swapsSent).as("no second POST within lost-answer-wait").hasSize(1);
		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
		azure.swapped("staging", "production", T0.plusSeconds(100));
		run(op, T0.plusSeconds(121));
		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
		assertThat(azure.swapsSent).hasSize(1);
	}

	@Test
	void aLostAnswerWithNoTraceAfterTheWaitIsSentAgainAndAzuresConflictMeansWatchAgain() {
		SwapOperation op = swappingOperation("production");
		azure.swapAnswers.add(FakeGateway.error(Kind.AMBIGUOUS, "GatewayTimeout"));
		azure.swapAnswers.add(FakeGateway.error(Kind.BUSY, "Conflict"));

		run(op, T0);
		run(op, T0.plus(Duration.ofMinutes(2)).plusSeconds(1));
		run(op, T0.plus(Duration.ofMinutes(2)).plusSeconds(3));

		assertThat(azure.swapsSent).hasSize(2);
		assertThat(op.getIntent().answerLostAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)).plusSeconds(1));
		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
	}

	@Test
	void aRestartAfterSendingChecksTheSlotsInsteadOfSendingAgain() {
		SwapOperation op = swappingOperation("production");
		op.recordSwapIntent(null, T0);
		op.swapSending(T0);
		azure.swapped("staging", "production", T0.plusSeconds(1));

		run(op, T0.plusSeconds(20));

		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
		assertThat(azure.swapsSent).isEmpty();
	}

	@Test
	void aSlotToSlotSwapIsJudgedByItsOwnSlotsNotByProduction() {
		SwapOperation op = swappingOperation("qa");
		op.recordSwapIntent(null, T0);
		op.swapSending(T0);
		azure.swapped("staging", "qa", T0.plusSeconds(1));

		run(op, T0.plusSeconds(20));

		assertThat(azure.lastSwap).doesNotContainKey("production");
		assertThat(op.getState()).isEqualTo(SwapState.SUCCEEDED);
	}

	@Test
	void errorsWhileFollowingAnAcceptedSwapMeanWaitNeverFailed() {
		SwapOperation op = swappingOperation("production");
		azure.swapAnswers.add(SwapProgress.running("http://arm/poll/1", null));
		azure.pollAnswers.add(FakeGateway.error(Kind.REFUSED, "AuthorizationFailed"));
		azure.pollAnswers.add(FakeGateway.error(Kind.UNAVAILABLE, "ServiceUnavailable"));
		azure.pollAnswers.add(FakeGateway.error(Kind.NOT_FOUND, "NotFound"));

		run(op, T0);
		StepOutcome refused = run(op, T0.plusSeconds(1));
		StepOutcome unavailable = run(op, T0.plusSeconds(2));
		run(op, T0.plusSeconds(3));

		assertThat(refused).isInstanceOf(StepOutcome.Retry.class);
		assertThat(unavailable).isInstanceOf(StepOutcome.Retry.class);
		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
		assertThat(op.getIntent().pollUrl()).as("an unknown polling URL is forgotten, not failed").isNull();
		assertThat(azure.swapsSent).hasSize(1);
	}

	@Test
	void onlyAzureReportingOurSwapFailedEndsItFailed() {
		SwapOperation op = swappingOperation("production");
		azure.swapAnswers.add(SwapProgress.running("http://arm/poll/1", null));
		azure.pollAnswers.add(SwapProgress.failed("ExpectationFailed", "no ping", false));

		run(op, T0);
		StepOutcome outcome = run(op, T0.plusSeconds(1));

		assertThat(outcome).isInstanceOf(StepOutcome.Advance.class);
		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError().code()).isEqualTo("ExpectationFailed");
	}

	@Test
	void aSwapAzureFailedTransientlyIsSentAgainABoundedNumberOfTimes() {
		SwapOperation op = swappingOperation("production");
		for (int i = 0; i < 4; i++) {
			azure.swapAnswers.add(SwapProgress.failed("BadRequest", "VM allocation changed. Please retry", true));
		}

		Instant at = T0;
		for (int i = 0; i < 4; i++) {
			run(op, at);
			at = at.plus(Duration.ofMinutes(1));
		}

		assertThat(azure.swapsSent).hasSize(4);
		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
	}

	@Test
	void aDefiniteRefusalEndsTheSwapAfterBoundedTriesSayingNothingWasSwapped() {
		SwapOperation op = swappingOperation("production");
		for (int i = 0; i < 3; i++) {
			azure.swapAnswers.add(FakeGateway.error(Kind.REFUSED, "AuthorizationFailed"));
		}

		Instant at = T0;
		for (int i = 0; i < 3; i++) {
			run(op, at);
			at = at.plus(Duration.ofMinutes(1));
		}

		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError().code()).isEqualTo("AuthorizationFailed");
		assertThat(op.getError().message()).contains("nothing was swapped");
	}
}
