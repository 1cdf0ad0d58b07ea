package io.slotswap.emulator;

/**
 * The emulator's fault knobs; they apply to ARM calls only.
 *
 * @param armLatencyMillis delay added to every ARM call
 * @param swapDurationMillis how long a swap takes from request to flip
 * @param throttleEveryNth every Nth ARM call answers 429 (0 = never)
 * @param failNextSwaps that many next swaps fail with Azure's transient 400
 * @param transientErrorRate share (0..1) of ARM calls that answer 500/503
 * @param ambiguousSwaps that many next swap POSTs are performed but their answer is lost (a 504 and a dropped
 *        connection, alternately)
 * @param armBudget Resource Manager's token buckets per subscription, enforced with 429; null = unlimited
 */
record FaultSettings(long armLatencyMillis, long swapDurationMillis, int throttleEveryNth, int failNextSwaps,
		double transientErrorRate, int ambiguousSwaps, ArmBudget armBudget) {

	static FaultSettings defaults(long swapDurationMillis) {
		return new FaultSettings(0, swapDurationMillis, 0, 0, 0.0, 0, null);
	}

	FaultSettings withFailNextSwaps(int swaps) {
		return new FaultSettings(armLatencyMillis, swapDurationMillis, throttleEveryNth, swaps, transientErrorRate,
				ambiguousSwaps, armBudget);
	}

	FaultSettings withAmbiguousSwaps(int swaps) {
		return new FaultSettings(armLatencyMillis, swapDurationMillis, throttleEveryNth, failNextSwaps,
				transientErrorRate, swaps, armBudget);
	}

	FaultSettings withArmBudget(ArmBudget budget) {
		return new FaultSettings(armLatencyMillis, swapDurationMillis, throttleEveryNth, failNextSwaps,
				transientErrorRate, ambiguousSwaps, budget);
	}
}
