package io.slotswap.swap;

import java.util.UUID;

/** Published when an operation became due, so that the engine starts at once (after commit). */
public record SwapWorkAvailable(UUID operationId) {
}
