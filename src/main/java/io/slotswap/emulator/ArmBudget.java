package io.slotswap.emulator;

/**
 * The {@code armBudget} fault: Resource Manager's token buckets per subscription, one for reads
 * (GET) and one for writes (PUT, PATCH, DELETE, POST actions); each starts full, refills
 * continuously at its rate and holds at most its burst.
 *
 * @param readsPerSecond refill of the read bucket
 * @param readBurst size of the read bucket
 * @param writesPerSecond refill of the write bucket
 * @param writeBurst size of the write bucket
 */
record ArmBudget(double readsPerSecond, int readBurst, double writesPerSecond, int writeBurst) {

	/** Azure's figures per subscription and principal (since 2024): reads 250 + 25/s, writes 200 + 10/s. */
	static final ArmBudget AZURE = new ArmBudget(25, 250, 10, 200);
}
