package io.slotswap.emulator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The token buckets of one {@link ArmBudget}, a read and a write bucket per subscription. Not thread-safe. */
final class ArmBudgets {

	private final ArmBudget budget;

	private final Map<String, TokenBucket[]> buckets = new HashMap<>();

	ArmBudgets(ArmBudget budget) {
		this.budget = budget;
	}

	/** Spends one read or write of {@code subscriptionId}: 0, or the nanoseconds until its bucket has a token. */
	long spend(String subscriptionId, boolean write, long nowNanos) {
		TokenBucket[] pair = buckets.computeIfAbsent(subscriptionId.toLowerCase(Locale.ROOT),
				sub -> new TokenBucket[] { new TokenBucket(budget.readsPerSecond(), budget.readBurst(), nowNanos),
						new TokenBucket(budget.writesPerSecond(), budget.writeBurst(), nowNanos) });
		return pair[write ? 1 : 0].take(nowNanos);
	}
}
