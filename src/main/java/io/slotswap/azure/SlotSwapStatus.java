package io.slotswap.azure;

import java.time.Instant;

/**
 * A slot's read-only {@code properties.slotSwapStatus} (the site's for production): the last swap
 * that slot took part in, without a result.
 */
public record SlotSwapStatus(Instant timestampUtc, String sourceSlotName, String destinationSlotName) {
}
