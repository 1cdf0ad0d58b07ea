package io.slotswap.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotSwapStatus;
import org.junit.jupiter.api.Test;

class SwapOperationTest {

	static final Instant T0 = Instant.parse("2026-11-22T17:00:00Z");

	static final VerificationSpec VERIFY_60S = new VerificationSpec("/", List.of(200), 60, 5, 3, true);

	static SwapOperation requested() {
		return requested(SwapMode.SWAP, SwapSettings.DEFAULT_VERIFICATION, false);
	}

	static SwapOperation requested(SwapMode mode, VerificationSpec verification, boolean requireApproval) {
		return SwapOperation.request(UUID.randomUUID(),
				new SiteRef("00000000-0000-0000-0000-000000000000", "RG-Demo", "My-Site"), "staging", "production",
				mode, true, SwapSettings.DEFAULT_WARMUP, verification, requireApproval, Duration.ofHours(24),
				"Release 1", Actor.api("alice"), T0);
	}

	static SwapOperation swapping(SwapOperation op) {
		op.startValidating(T0);
		op.validated("src.host", "dst.host", T0);
		if (op.getState() == SwapState.APPLYING_CONFIG) {
			op.configApplied(T0);
		}
		op.warmedUp("3 answers", T0);
		if (op.getState() == SwapState.AWAITING_APPROVAL) {
			op.approve(Actor.api("bob"), T0);
		}
		return op;
	}

	@Test
	void aNewOperationIsPendingDueAtOnceAndHoldsItsSiteCaseInsensitively() {
		SwapOperation op = requested();

		assertThat(op.getState()).isEqualTo(SwapState.PENDING);
		assertThat(op.getNextRunAt()).isEqualTo(T0);
		assertThat(op.siteRef().key()).isEqualTo("00000000-0000-0000-0000-000000000000/rg-demo/my-site");
		List<SwapEvent> events = op.drainNewEvents();
		assertThat(events).singleElement().satisfies(event -> {
			assertThat(event.getType()).isEqualTo(EventType.TRANSITION);
			assertThat(event.getFromState()).isNull();
			assertThat(event.getToState()).isEqualTo(SwapState.PENDING);
			assertThat(event.getActor()).isEqualTo("alice");
			assertThat(event.getChannel()).isEqualTo(Channel.API);
		});
	}

	@Test
	void eachTransitionAppendsOneEventWithBothStates() {
		SwapOperation op = requested();
		op.drainNewEvents();

		op.startValidating(T0.plusSeconds(1));

		assertThat(op.drainNewEvents()).singleElement().satisfies(event -> {
			assertThat(event.getFromState()).isEqualTo(SwapState.PENDING);
			assertThat(event.getToState()).isEqualTo(SwapState.VALIDATING);
			assertThat(event.getChannel()).isEqualTo(Channel.ENGINE);
		});
		assertThat(op.getStateEnteredAt()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void aTransitionOutOfItsStateIsRefusedAndChangesNothing() {
		SwapOperation op = requested();
		op.drainNewEvents();

		assertThatThrownBy(() -> op.warmedUp("skip", T0)).isInstanceOf(IllegalStateTransitionException.class);
		assertThat(op.getState()).isEqualTo(SwapState.PENDING);
		assertThat(op.drainNewEvents()).isEmpty();
	}

	@Test
	void aSwapModeOperationWarmsUpAfterValidationAndAPreviewAppliesTheConfigFirst() {
		SwapOperation swap = requested();
		SwapOperation preview = requested(SwapMode.PREVIEW, SwapSettings.DEFAULT_VERIFICATION, false);

		swap.startValidating(T0);
		swap.validated("a", "b", T0);
		preview.startValidating(T0);
		preview.validated("a", "b", T0);

		assertThat(swap.getState()).isEqualTo(SwapState.WARMING_UP);
		assertThat(preview.getState()).isEqualTo(SwapState.APPLYING_CONFIG);
		assertThat(swap.getSourceHostName()).isEqualTo("a");
	}

	@Test
	void failingEndsTheOperationReleasesTheSiteAndKeepsTheError() {
		SwapOperation op = requested();
		op.startValidating(T0);

		op.fail(SwapError.SLOT_NOT_FOUND, "no staging", T0.plusSeconds(2));

		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError()).isEqualTo(new SwapError("SlotNotFound", "no staging"));
		assertThat(op.getCompletedAt()).isEqualTo(T0.plusSeconds(2));
	}

	@Test
	void theEngineCannotFailASwapThatAzureMayBeRunning() {
		SwapOperation op = swapping(requested());

		assertThatThrownBy(() -> op.fail(SwapError.INTERNAL_ERROR, "guess", T0))
			.isInstanceOf(IllegalStateTransitionException.class);
		assertThat(op.getState()).isEqualTo(SwapState.SWAPPING);
	}

	@Test
	void onlyAzureFailingTheSwapSaysBothSlotsStayAsTheyWere() {
		SwapOperation op = swapping(requested());

		op.azureFailedSwap("ExpectationFailed", "no ping", T0);

		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError().code()).isEqualTo("ExpectationFailed");
		assertThat(op.getError().message()).contains("both slots stay as they were");
		assertThat(op.isSlotsChanged()).isFalse();
	}

	@Test
	void aCompletedSwapVerifiesWhenAskedAndIsThenInEffect() {
		SwapOperation op = swapping(requested(SwapMode.SWAP, VERIFY_60S, false));

		op.swapCompleted("done", Actor.ENGINE, T0);

		assertThat(op.getState()).isEqualTo(SwapState.VERIFYING);
		assertThat(op.isSlotsChanged()).isTrue();
		assertThat(op.getIntent().recorded()).isFalse();
	}

	@Test
	void aFailedVerificationRollsBackKeepingTheCause() {
		SwapOperation op = swapping(requested(SwapMode.SWAP, VERIFY_60S, false));
		op.swapCompleted("done", Actor.ENGINE, T0);

		op.verificationFailed("500 three times", T0);
		op.swapCompleted("swapped back", Actor.ENGINE, T0);

		assertThat(op.getState()).isEqualTo(SwapState.ROLLED_BACK);
		assertThat(op.getError().code()).isEqualTo(SwapError.VERIFICATION_FAILED);
		assertThat(op.isSlotsChanged()).isFalse();
	}

	@Test
	void theRequesterMayNotApproveTheirOwnSwap() {
		SwapOperation op = requested(SwapMode.SWAP, SwapSettings.DEFAULT_VERIFICATION, true);
		op.startValidating(T0);
		op.validated("a", "b", T0);
		op.warmedUp("ok", T0);

		assertThatThrownBy(() -> op.approve(Actor.api("ALICE"), T0)).isInstanceOf(SwapExceptions.Forbidden.class);
		assertThat(op.getState()).isEqualTo(SwapState.AWAITING_APPROVAL);
	}

	@Test
	void anApprovalAfterTheDeadlineOrDuringACancelIsRefused() {
		SwapOperation late = requested(SwapMode.SWAP, SwapSettings.DEFAULT_VERIFICATION, true);
		late.startValidating(T0);
		late.validated("a", "b", T0);
		late.warmedUp("ok", T0);
		SwapOperation rejected = requested(SwapMode.PREVIEW, SwapSettings.DEFAULT_VERIFICATION, false);
		rejected.startValidating(T0);
		rejected.validated("a", "b", T0);
		rejected.configApplied(T0);
		rejected.warmedUp("ok", T0);
		rejected.cancel(Actor.api("carol"), T0);

		assertThatThrownBy(() -> late.approve(Actor.api("bob"), T0.plus(Duration.ofHours(24))))
			.isInstanceOf(SwapExceptions.StateConflict.class)
			.hasMessageContaining("expired");
		assertThatThrownBy(() -> rejected.approve(Actor.api("bob"), T0))
			.isInstanceOf(SwapExceptions.StateConflict.class)
			.hasMessageContaining("being cancelled");
	}

	@Test
	void cancellingAPreparedPreviewWaitsForItsResetWhileOtherCancelsEndAtOnce() {
		SwapOperation preview = requested(SwapMode.PREVIEW, SwapSettings.DEFAULT_VERIFICATION, false);
		preview.startValidating(T0);
		preview.validated("a", "b", T0);
		SwapOperation swap = requested();

		assertThat(preview.cancel(Actor.api("bob"), T0)).isFalse();
		assertThat(swap.cancel(Actor.api("bob"), T0)).isTrue();

		assertThat(preview.getState()).isEqualTo(SwapState.APPLYING_CONFIG);
		assertThat(preview.needsPreviewReset()).isTrue();
		preview.cancelled(T0);
		assertThat(preview.getState()).isEqualTo(SwapState.CANCELLED);
		assertThat(preview.drainNewEvents()).last().satisfies(ended -> {
			assertThat(ended.getToState()).isEqualTo(SwapState.CANCELLED);
			assertThat(ended.getActor()).as("the person who asked, carried out by the engine").isEqualTo("bob");
			assertThat(ended.getChannel()).isEqualTo(Channel.ENGINE);
		});
		assertThat(swap.getState()).isEqualTo(SwapState.CANCELLED);
		assertThat(swap.getError().message()).isEqualTo("Cancelled by bob");
	}

	@Test
	void cancellingIsRefusedOnceSwapping() {
		SwapOperation op = swapping(requested());

		assertThatThrownBy(() -> op.cancel(Actor.api("bob"), T0)).isInstanceOf(SwapExceptions.StateConflict.class);
		assertThat(op.isCancelRequested()).isFalse();
	}

	@Test
	void onlyTheLatestSwapStillInEffectCanBeRolledBackAndOnlyOnce() {
		SwapOperation op = swapping(requested());
		op.swapCompleted("done", Actor.ENGINE, T0);
		SwapOperation newer = requested();

		assertThatThrownBy(() -> op.rollback(UUID.randomUUID(), newer, Actor.api("bob"), T0))
			.isInstanceOf(SwapExceptions.StateConflict.class)
			.hasMessageContaining("changed the site's slots after it");
		SwapOperation rollback = op.rollback(UUID.randomUUID(), op, Actor.api("bob"), T0);
		assertThat(rollback.getRollbackOf()).isEqualTo(op.getId());
		assertThat(op.getRolledBackBy()).isEqualTo(rollback.getId());
		assertThatThrownBy(() -> op.rollback(UUID.randomUUID(), op, Actor.api("bob"), T0))
			.isInstanceOf(SwapExceptions.StateConflict.class)
			.hasMessageContaining("already rolled back");
	}

	@Test
	void aRollbackThatSwappedNothingReopensItsOriginal() {
		SwapOperation op = swapping(requested());
		op.swapCompleted("done", Actor.ENGINE, T0);
		SwapOperation rollback = op.rollback(UUID.randomUUID(), op, Actor.api("bob"), T0);

		rollback.cancel(Actor.api("bob"), T0);
		op.rollbackEndedWithoutSwapping(rollback, T0);

		assertThat(rollback.isRollbackThatSwappedNothing()).isTrue();
		assertThat(op.getRolledBackBy()).isNull();
	}

	@Test
	void reconcileIsRefusedBeforeTheReportDeadlineAndOutsideTheSwap() {
		SwapOperation op = swapping(requested());
		SwapOperation pending = requested();

		assertThatThrownBy(() -> op.requestReconcile(Actor.api("admin"), Duration.ofMinutes(30), T0.plusSeconds(60)))
			.isInstanceOf(SwapExceptions.StateConflict.class);
		assertThatThrownBy(() -> pending.requestReconcile(Actor.api("admin"), Duration.ofMinutes(30),
				T0.plus(Duration.ofHours(1))))
			.isInstanceOf(SwapExceptions.StateConflict.class);
		op.requestReconcile(Actor.api("admin"), Duration.ofMinutes(30), T0.plus(Duration.ofMinutes(31)));
		assertThat(op.getReconcileRequestedBy()).isEqualTo("admin");
		op.swapNotHappened(Actor.api("admin"), "no trace", T0.plus(Duration.ofMinutes(31)));
		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError().code()).isEqualTo(SwapError.NOT_SWAPPED);
	}

	@Test
	void aRepeatingNoteIsWrittenOnceWithItsCount() {
		SwapOperation op = requested();
		op.drainNewEvents();

		for (int i = 0; i < 5; i++) {
			op.note("Azure did not answer", Actor.ENGINE, T0.plusSeconds(i));
		}
		op.startValidating(T0.plusSeconds(10));

		List<SwapEvent> events = op.drainNewEvents();
		assertThat(events).extracting(SwapEvent::getMessage)
			.containsExactly("Azure did not answer", "The previous note came 4 more times: Azure did not answer",
					"Validating the site and its slots");
	}

	@Test
	void verificationTimeNobodyObservedDoesNotCount() {
		SwapOperation op = swapping(requested(SwapMode.SWAP, VERIFY_60S, false));
		op.swapCompleted("done", Actor.ENGINE, T0);
		Duration maxGap = Duration.ofSeconds(17);

		op.verificationProbe(true, maxGap, T0);
		op.verificationProbe(true, maxGap, T0.plusSeconds(5));
		op.verificationProbe(true, maxGap, T0.plusSeconds(3600));

		assertThat(op.getVerificationObserved()).isEqualTo(Duration.ofSeconds(5));
		assertThat(op.getVerificationProbes()).isEqualTo(3);
	}

	@Test
	void theSwapIntentRemembersTheLastSwapSeenBeforeSendingAndALostAnswer() {
		SwapOperation op = swapping(requested());
		SlotSwapStatus before = new SlotSwapStatus(T0.minusSeconds(3600), "staging", "production");

		op.recordSwapIntent(before, T0);
		op.swapSending(T0);
		op.swapAnswerLost("504", T0);

		assertThat(op.getIntent().statusBefore()).isEqualTo(before);
		assertThat(op.getIntent().sends()).isEqualTo(1);
		assertThat(op.getIntent().answerLostAt()).isEqualTo(T0);
		op.swapNotAccepted(T0);
		assertThat(op.getIntent().statusBefore()).as("kept to judge the lost send").isEqualTo(before);
		op.swapAccepted("http://arm/operationresults/1", T0);
		assertThat(op.getIntent().answerLostAt()).isNull();
		op.swapCompleted("done", Actor.ENGINE, T0);
		assertThat(op.getIntent().recorded()).isFalse();
	}
}
