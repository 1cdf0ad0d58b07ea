package io.slotswap.emulator;

import java.time.Instant;

/** A slot's {@code properties.slotSwapStatus} (the site's for production): its last swap only, no result. */
record SwapStatus(Instant timestampUtc, String sourceSlotName, String destinationSlotName) {
}
