package io.slotswap.emulator;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The current {@link FaultSettings}, the counters that apply them and the ARM call statistics.
 * Thread-safe.
 */
final class Faults {

	private final FaultSettings defaults;

	/** The clock of the ARM budget's token buckets. */
	private final LongSupplier nanoTime;

	private FaultSettings settings;

	private long armCalls;

	/** Swap answers lost so far: an even count means the next one is a 504, an odd one a dropped connection. */
	private long lostSwapAnswers;

	/** The buckets of {@code settings.armBudget()}; null when unlimited. */
	private ArmBudgets budgets;

	private ArmCallStats stats = ArmCallStats.NONE;

	/** How the answer to a swap that was performed gets lost ({@code ambiguousSwaps}). */
	enum LostAnswer {

		/** ARM's 504 {@code GatewayTimeout}: the caller cannot tell whether the swap started. */
		GATEWAY_TIMEOUT,

		/** The connection is closed without any HTTP answer. */
		CONNECTION_DROPPED
	}

	/**
	 * ARM calls counted since the start or the last reset.
	 *
	 * @param reads GET calls (including those refused)
	 * @param writes PUT, PATCH, DELETE and POST calls (including those refused)
	 * @param budgetThrottledReads reads the {@code armBudget} answered with 429
	 * @param budgetThrottledWrites writes the {@code armBudget} answered with 429
	 */
	record ArmCallStats(long reads, long writes, long budgetThrottledReads, long budgetThrottledWrites) {

		static final ArmCallStats NONE = new ArmCallStats(0, 0, 0, 0);

		ArmCallStats count(boolean write, boolean throttled) {
			int throttledOne = throttled ? 1 : 0;
			return write ? new ArmCallStats(reads, writes + 1, budgetThrottledReads, budgetThrottledWrites + throttledOne)
					: new ArmCallStats(reads + 1, writes, budgetThrottledReads + throttledOne, budgetThrottledWrites);
		}
	}

	Faults(FaultSettings defaults) {
		this(defaults, System::nanoTime);
	}

	Faults(FaultSettings defaults, LongSupplier nanoTime) {
		this.defaults = defaults;
		this.nanoTime = nanoTime;
		this.settings = defaults;
		this.budgets = budgets(defaults.armBudget());
	}

	synchronized FaultSettings current() {
		return settings;
	}

	/** New settings; a changed {@code armBudget} starts with full buckets, an unchanged one keeps its state. */
	synchronized FaultSettings update(FaultSettings updated) {
		if (!Objects.equals(updated.armBudget(), settings.armBudget())) {
			budgets = budgets(updated.armBudget());
		}
		settings = updated;
		return settings;
	}

	/** The defaults again, with full buckets and every counter and statistic at zero. */
	synchronized FaultSettings reset() {
		settings = defaults;
		armCalls = 0;
		lostSwapAnswers = 0;
		budgets = budgets(defaults.armBudget());
		stats = ArmCallStats.NONE;
		return settings;
	}

	synchronized ArmCallStats stats() {
		return stats;
	}

	synchronized void resetStats() {
		stats = ArmCallStats.NONE;
	}

	private static ArmBudgets budgets(ArmBudget budget) {
		return budget == null ? null : new ArmBudgets(budget);
	}

	/**
	 * Counts one ARM call of {@code subscriptionId} (a write unless it is a read); the error it must
	 * answer with, if any: the budget's 429, throttling or a transient failure.
	 */
	Optional<ArmError> onArmCall(String subscriptionId, boolean write) {
		FaultSettings now;
		long call;
		long waitNanos;
		synchronized (this) {
			now = settings;
			call = ++armCalls;
			waitNanos = budgets == null ? 0 : budgets.spend(subscriptionId, write, nanoTime.getAsLong());
			stats = stats.count(write, waitNanos > 0);
		}
		if (waitNanos > 0) {
			long second = TimeUnit.SECONDS.toNanos(1);
			long seconds = Math.max(1, (waitNanos + second - 1) / second);
			return Optional.of(ArmErrors.budgetExhausted(subscriptionId, write, (int) Math.min(Integer.MAX_VALUE, seconds)));
		}
		if (now.throttleEveryNth() > 0 && call % now.throttleEveryNth() == 0) {
			return Optional.of(ArmErrors.throttled());
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		if (now.transientErrorRate() > 0 && random.nextDouble() < now.transientErrorRate()) {
			return Optional.of(ArmErrors.transientFailure(random.nextBoolean()));
		}
		return Optional.empty();
	}

	/** Whether the swap starting now must fail transiently (consumes one of {@code failNextSwaps}). */
	synchronized boolean takeSwapFailure() {
		if (settings.failNextSwaps() <= 0) {
			return false;
		}
		settings = settings.withFailNextSwaps(settings.failNextSwaps() - 1);
		return true;
	}

	/**
	 * Whether the answer to the swap just started must be lost, and how (consumes one of
	 * {@code ambiguousSwaps}); 504 and dropped connection alternate, starting with 504.
	 */
	synchronized Optional<LostAnswer> takeLostSwapAnswer() {
		if (settings.ambiguousSwaps() <= 0) {
			return Optional.empty();
		}
		settings = settings.withAmbiguousSwaps(settings.ambiguousSwaps() - 1);
		return Optional.of(lostSwapAnswers++ % 2 == 0 ? LostAnswer.GATEWAY_TIMEOUT : LostAnswer.CONNECTION_DROPPED);
	}
}
