package io.slotswap.swap;

import java.util.List;

/** The effective warm-up of an operation: probes of the source slot's host name before the swap. */
public record WarmupSpec(String path, List<Integer> expectedStatuses, int consecutiveSuccesses, int intervalSeconds,
		int timeoutSeconds) {

	public WarmupSpec {
		expectedStatuses = List.copyOf(expectedStatuses);
	}
}
