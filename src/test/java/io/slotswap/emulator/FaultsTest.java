package io.slotswap.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.slotswap.emulator.Faults.LostAnswer;

/** The fault counters: what the next ARM calls and swaps must suffer. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FaultsTest {

	static final String SUB = "00000000-0000-0000-0000-000000000000";

	final AtomicLong nanos = new AtomicLong(42);

	final Faults faults = new Faults(FaultSettings.defaults(100), nanos::get);

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

	@Test
	void without_a_budget_every_call_passes_and_is_counted() {
		for (int i = 0; i < 1000; i++) {
			assertThat(faults.onArmCall(SUB, i % 2 == 0)).isEmpty();
		}

		assertThat(faults.stats()).isEqualTo(new Faults.ArmCallStats(500, 500, 0, 0));
	}

	@Test
	void a_spent_write_budget_answers_429_too_many_requests_with_retry_after_in_whole_seconds() {
		faults.update(FaultSettings.defaults(100).withArmBudget(new ArmBudget(100, 100, 0.4, 2)));

		assertThat(faults.onArmCall(SUB, true)).isEmpty();
		assertThat(faults.onArmCall(SUB, true)).isEmpty();
		ArmError throttled = faults.onArmCall(SUB, true).orElseThrow();

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.code()).isEqualTo("TooManyRequests");
		assertThat(throttled.message()).contains("'write'").contains(SUB);
		assertThat(throttled.retryAfterSeconds()).as("2.5 s rounded up").isEqualTo(3);
		assertThat(faults.onArmCall(SUB, false)).as("reads have their own bucket").isEmpty();
		assertThat(faults.stats()).isEqualTo(new Faults.ArmCallStats(1, 3, 0, 1));
	}

	@Test
	void retry_after_is_at_least_one_second_and_the_bucket_refills_by_then() {
		faults.update(FaultSettings.defaults(100).withArmBudget(new ArmBudget(10, 1, 10, 1)));
		faults.onArmCall(SUB, false);

		assertThat(faults.onArmCall(SUB, false).orElseThrow().retryAfterSeconds()).isEqualTo(1);
		nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(faults.onArmCall(SUB, false)).isEmpty();
	}

	@Test
	void a_changed_budget_starts_full_an_unchanged_one_keeps_its_state_and_a_reset_lifts_it() {
		ArmBudget oneCall = new ArmBudget(1, 1, 1, 1);
		faults.update(FaultSettings.defaults(100).withArmBudget(oneCall));
		faults.onArmCall(SUB, false);

		faults.update(faults.current().withAmbiguousSwaps(1));
		assertThat(faults.onArmCall(SUB, false)).isPresent();
		faults.update(faults.current().withArmBudget(new ArmBudget(1, 2, 1, 1)));
		assertThat(faults.onArmCall(SUB, false)).isEmpty();

		faults.reset();
		assertThat(faults.current().armBudget()).isNull();
		assertThat(faults.stats()).isEqualTo(Faults.ArmCallStats.NONE);
	}
}
