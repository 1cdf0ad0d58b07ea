package io.slotswap.swap;

import java.util.List;

/**
 * The effective verification of an operation: probes of the target slot's host name after the
 * swap. {@code durationSeconds == 0} means no verification.
 */
public record VerificationSpec(String path, List<Integer> expectedStatuses, int durationSeconds, int intervalSeconds,
		int failureThreshold, boolean autoRollback) {

	public VerificationSpec {
		expectedStatuses = List.copyOf(expectedStatuses);
	}

	public boolean enabled() {
		return durationSeconds > 0;
	}
}
