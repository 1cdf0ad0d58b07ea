package io.slotswap.swap;

/** A history entry is a state change ({@code TRANSITION}) or something worth knowing ({@code NOTE}). */
public enum EventType {
	TRANSITION, NOTE
}
