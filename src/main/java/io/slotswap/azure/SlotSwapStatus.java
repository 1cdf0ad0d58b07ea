package io.slotswap.azure;

import java.time.Instant;

/**
 * The site's read-only {@code properties.slotSwapStatus}: the last swap only, without a result.
 */
public record SlotSwapStatus(Instant timestampUtc, String sourceSlotName, String destinationSlotName) {
}
