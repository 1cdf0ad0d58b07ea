package io.slotswap.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.slotswap.emulator.Faults.LostAnswer;

/** The fault counters: what the next ARM calls and swaps must suffer. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FaultsTest {

	final Faults faults = new Faults(FaultSettings.defaults(100));

	@Test
	void no_swap_answer_is_lost_by_default() {
		assertThat(faults.takeLostSwapAnswer()).isEmpty();
	}

	@Test
	void ambiguous_swaps_alternate_a_504_and_a_dropped_connection_and_run_down() {
		faults.update(FaultSettings.defaults(100).withAmbiguousSwaps(3));

		assertThat(faults.takeLostSwapAnswer()).hasValue(LostAnswer.GATEWAY_TIMEOUT);
		assertThat(faults.current().ambiguousSwaps()).isEqualTo(2);
		assertThat(faults.takeLostSwapAnswer()).hasValue(LostAnswer.CONNECTION_DROPPED);
		assertThat(faults.takeLostSwapAnswer()).hasValue(LostAnswer.GATEWAY_TIMEOUT);
		assertThat(faults.current().ambiguousSwaps()).isZero();
		assertThat(faults.takeLostSwapAnswer()).isEmpty();
	}

	@Test
	void the_alternation_carries_on_across_updates_and_starts_again_with_a_504_after_a_reset() {
		faults.update(FaultSettings.defaults(100).withAmbiguousSwaps(1));
		faults.takeLostSwapAnswer();
		faults.update(faults.current().withAmbiguousSwaps(1));

		assertThat(faults.takeLostSwapAnswer()).hasValue(LostAnswer.CONNECTION_DROPPED);

		faults.reset();
		faults.update(FaultSettings.defaults(100).withAmbiguousSwaps(1));
		assertThat(faults.takeLostSwapAnswer()).hasValue(LostAnswer.GATEWAY_TIMEOUT);
	}

	@Test
	void failing_swaps_and_ambiguous_swaps_are_counted_apart() {
		faults.update(FaultSettings.defaults(100).withFailNextSwaps(1).withAmbiguousSwaps(2));

		assertThat(faults.takeSwapFailure()).isTrue();
		assertThat(faults.takeSwapFailure()).isFalse();
		assertThat(faults.current().ambiguousSwaps()).isEqualTo(2);
	}
}
