package io.slotswap.emulator;

/** One connection string of a slot ({@code type} as ARM spells it, e.g. {@code SQLAzure}). */
record ConnectionString(String value, String type) {
}
