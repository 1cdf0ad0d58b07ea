package io.slotswap.emulator;

import java.time.Instant;

/** The site's {@code properties.slotSwapStatus}: the last swap only. */
record SwapStatus(Instant timestampUtc, String sourceSlotName, String destinationSlotName) {
}
