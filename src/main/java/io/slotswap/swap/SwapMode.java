package io.slotswap.swap;

/** {@code SWAP}: a plain swap. {@code PREVIEW}: Azure's multi-phase swap with an approval in between. */
public enum SwapMode {
	SWAP, PREVIEW
}
