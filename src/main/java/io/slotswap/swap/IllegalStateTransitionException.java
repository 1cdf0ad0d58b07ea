package io.slotswap.swap;

import java.util.UUID;

/** A transition the table does not allow: a bug in the caller, or a request that came too late. */
public class IllegalStateTransitionException extends RuntimeException {

	private final SwapState from;

	private final SwapState to;

	public IllegalStateTransitionException(UUID id, SwapState from, SwapState to) {
		super("Operation " + id + " cannot move from " + from + " to " + to);
		this.from = from;
		this.to = to;
	}

	public SwapState from() {
		return from;
	}

	public SwapState to() {
		return to;
	}
}
