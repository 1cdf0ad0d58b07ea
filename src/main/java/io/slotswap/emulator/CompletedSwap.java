package io.slotswap.emulator;

import java.time.Instant;

/** A swap that switched the slots (for tests that assert a swap happened exactly once). */
record CompletedSwap(String operationId, String sourceSlot, String targetSlot, String sourceBuildBefore,
		String targetBuildBefore, Instant requestedAt, Instant completedAt) {
}
