package io.slotswap.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotSwapStatus;
import org.junit.jupiter.api.Test;

class SwapOperationTest {

	static final Instant T0 = Instant.parse("2026-11-22T17:00:00Z");

	static SwapOperation requested() {
		return SwapOperation.request(UUID.randomUUID(),
				new SiteRef("00000000-0000-0000-0000-000000000000", "RG-Demo", "My-Site"), "staging", "production",
				SwapMode.SWAP, true, SwapSettings.DEFAULT_WARMUP, SwapSettings.DEFAULT_VERIFICATION, false,
				java.time.Duration.ofHours(24), "Release 1",
				Actor.api("alice"), T0);
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

		op.advance(SwapState.VALIDATING, "go", Actor.ENGINE, T0.plusSeconds(1));

		assertThat(op.drainNewEvents()).singleElement().satisfies(event -> {
			assertThat(event.getFromState()).isEqualTo(SwapState.PENDING);
			assertThat(event.getToState()).isEqualTo(SwapState.VALIDATING);
			assertThat(event.getChannel()).isEqualTo(Channel.ENGINE);
		});
		assertThat(op.getStateEnteredAt()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void aForbiddenTransitionIsRefusedAndChangesNothing() {
		SwapOperation op = requested();
		op.drainNewEvents();

		assertThatThrownBy(() -> op.advance(SwapState.SWAPPING, "skip", Actor.ENGINE, T0))
			.isInstanceOf(IllegalStateTransitionException.class);
		assertThat(op.getState()).isEqualTo(SwapState.PENDING);
		assertThat(op.drainNewEvents()).isEmpty();
	}

	@Test
	void failingEndsTheOperationReleasesTheSiteAndKeepsTheError() {
		SwapOperation op = requested();
		op.advance(SwapState.VALIDATING, "go", Actor.ENGINE, T0);

		op.fail(SwapError.SLOT_NOT_FOUND, "no staging", Actor.ENGINE, T0.plusSeconds(2));

		assertThat(op.getState()).isEqualTo(SwapState.FAILED);
		assertThat(op.getError()).isEqualTo(new SwapError("SlotNotFound", "no staging"));
		assertThat(op.getCompletedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(op.siteRef()).isNotNull();
	}

	@Test
	void aNoteKeepsTheStateAndNamesItTwice() {
		SwapOperation op = requested();
		op.drainNewEvents();

		op.note("resumed", Actor.ENGINE, T0);

		assertThat(op.drainNewEvents()).singleElement().satisfies(event -> {
			assertThat(event.getType()).isEqualTo(EventType.NOTE);
			assertThat(event.getFromState()).isEqualTo(SwapState.PENDING);
			assertThat(event.getToState()).isEqualTo(SwapState.PENDING);
		});
	}

	@Test
	void cancellingIsRefusedOnceSwapping() {
		SwapOperation op = requested();
		op.advance(SwapState.VALIDATING, "", Actor.ENGINE, T0);
		op.advance(SwapState.WARMING_UP, "", Actor.ENGINE, T0);
		op.advance(SwapState.SWAPPING, "", Actor.ENGINE, T0);

		assertThatThrownBy(() -> op.requestCancel(Actor.api("bob"), T0))
			.isInstanceOf(IllegalStateTransitionException.class);
		assertThat(op.isCancelRequested()).isFalse();
	}

	@Test
	void theSwapIntentRemembersTheLastSwapSeenBeforeSending() {
		SwapOperation op = requested();
		SlotSwapStatus before = new SlotSwapStatus(T0.minusSeconds(3600), "staging", "production");

		op.recordSwapIntent(before, T0);
		op.recordSwapPollUrl("http://arm/operationresults/1", T0);

		assertThat(op.swapStatusBefore()).isEqualTo(before);
		assertThat(op.getSwapRequestedAt()).isEqualTo(T0);
		assertThat(op.getSwapPollUrl()).isEqualTo("http://arm/operationresults/1");
		op.clearSwapIntent();
		assertThat(op.getSwapRequestedAt()).isNull();
		assertThat(op.swapStatusBefore()).isNull();
	}
}
