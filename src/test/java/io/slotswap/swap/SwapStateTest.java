package io.slotswap.swap;

import static io.slotswap.swap.SwapState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SwapStateTest {

	/** The state diagram of API.md, written out independently of the implementation. */
	static final Map<SwapState, Set<SwapState>> DIAGRAM = Map.ofEntries(
			Map.entry(PENDING, EnumSet.of(VALIDATING, FAILED, CANCELLED)),
			Map.entry(VALIDATING, EnumSet.of(APPLYING_CONFIG, WARMING_UP, FAILED, CANCELLED)),
			Map.entry(APPLYING_CONFIG, EnumSet.of(WARMING_UP, FAILED, CANCELLED)),
			Map.entry(WARMING_UP, EnumSet.of(AWAITING_APPROVAL, SWAPPING, FAILED, CANCELLED)),
			Map.entry(AWAITING_APPROVAL, EnumSet.of(SWAPPING, FAILED, CANCELLED)),
			Map.entry(SWAPPING, EnumSet.of(VERIFYING, SUCCEEDED, FAILED)),
			Map.entry(VERIFYING, EnumSet.of(SUCCEEDED, ROLLING_BACK, FAILED)),
			Map.entry(ROLLING_BACK, EnumSet.of(ROLLED_BACK, FAILED)),
			Map.entry(SUCCEEDED, EnumSet.noneOf(SwapState.class)),
			Map.entry(FAILED, EnumSet.noneOf(SwapState.class)),
			Map.entry(ROLLED_BACK, EnumSet.noneOf(SwapState.class)),
			Map.entry(CANCELLED, EnumSet.noneOf(SwapState.class)));

	static Stream<Arguments> everyPairOfStates() {
		return Stream.of(SwapState.values())
			.flatMap(from -> Stream.of(SwapState.values()).map(to -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("everyPairOfStates")
	void aTransitionIsAllowedExactlyWhenTheDiagramHasIt(SwapState from, SwapState to) {
		assertThat(from.canMoveTo(to)).isEqualTo(DIAGRAM.get(from).contains(to));
	}

	@Test
	void onlySucceededFailedRolledBackAndCancelledAreTerminal() {
		assertThat(EnumSet.allOf(SwapState.class).stream().filter(SwapState::isTerminal))
			.containsExactlyInAnyOrder(SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED);
	}

	@Test
	void cancelIsAllowedOnlyBeforeSwapping() {
		assertThat(EnumSet.allOf(SwapState.class).stream().filter(SwapState::isCancellable))
			.containsExactlyInAnyOrder(PENDING, VALIDATING, APPLYING_CONFIG, WARMING_UP, AWAITING_APPROVAL);
		for (SwapState state : SwapState.values()) {
			assertThat(state.canMoveTo(CANCELLED)).as(state.name()).isEqualTo(state.isCancellable());
		}
	}

	@Test
	void swappingAndRollingBackEndOnlyOnAzuresWordNeverCancelled() {
		assertThat(SWAPPING.successors()).doesNotContain(CANCELLED);
		assertThat(ROLLING_BACK.successors()).containsExactlyInAnyOrder(ROLLED_BACK, FAILED);
	}

	@Test
	void noStateMovesToPendingOrToItself() {
		for (SwapState state : SwapState.values()) {
			assertThat(state.canMoveTo(PENDING)).isFalse();
			assertThat(state.canMoveTo(state)).isFalse();
		}
	}
}
