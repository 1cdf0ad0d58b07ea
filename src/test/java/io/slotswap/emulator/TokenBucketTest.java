package io.slotswap.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Resource Manager's token buckets, on a fake nanosecond clock. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TokenBucketTest {

	static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	static final long T0 = 123_456_789L;

	@Test
	void a_bucket_starts_full_and_once_its_burst_is_spent_says_when_the_next_token_comes() {
		TokenBucket bucket = new TokenBucket(2, 3, T0);

		assertThat(bucket.take(T0)).isZero();
		assertThat(bucket.take(T0)).isZero();
		assertThat(bucket.take(T0)).isZero();

		assertThat(bucket.take(T0)).isEqualTo(SECOND / 2);
		assertThat(bucket.take(T0 + SECOND / 4)).as("nothing taken by the refused call").isEqualTo(SECOND / 4);
	}

	@Test
	void the_refill_is_continuous() {
		TokenBucket bucket = new TokenBucket(4, 1, T0);
		bucket.take(T0);

		assertThat(bucket.take(T0 + SECOND / 8)).isPositive();
		assertThat(bucket.take(T0 + SECOND / 4)).isZero();
	}

	@Test
	void the_refill_never_goes_beyond_the_burst() {
		TokenBucket bucket = new TokenBucket(10, 2, T0);
		long later = T0 + 60 * SECOND;

		assertThat(bucket.take(later)).isZero();
		assertThat(bucket.take(later)).isZero();
		assertThat(bucket.take(later)).isEqualTo(SECOND / 10);
	}

	@Test
	void each_subscription_has_its_own_read_and_write_buckets() {
		ArmBudgets budgets = new ArmBudgets(new ArmBudget(1, 1, 1, 1));

		assertThat(budgets.spend("sub-a", false, T0)).isZero();
		assertThat(budgets.spend("SUB-A", false, T0)).as("subscription ids ignore case").isPositive();
		assertThat(budgets.spend("sub-a", true, T0)).as("writes have their own bucket").isZero();
		assertThat(budgets.spend("sub-b", false, T0)).isZero();
		assertThat(budgets.spend("sub-b", true, T0)).isZero();
		assertThat(budgets.spend("sub-b", true, T0)).isEqualTo(SECOND);
	}
}
