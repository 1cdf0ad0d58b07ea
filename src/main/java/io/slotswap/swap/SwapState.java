package io.slotswap.swap;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a swap operation. Each constant says whether it is terminal and whether a
 * cancel is still allowed; {@link #canMoveTo(SwapState)} is the one transition table.
 */
public enum SwapState {

	PENDING(false, true),
	VALIDATING(false, true),
	APPLYING_CONFIG(false, true),
	WARMING_UP(false, true),
	AWAITING_APPROVAL(false, true),
	SWAPPING(false, false),
	VERIFYING(false, false),
	ROLLING_BACK(false, false),
	SUCCEEDED(true, false),
	FAILED(true, false),
	ROLLED_BACK(true, false),
	CANCELLED(true, false);

	private static final Map<SwapState, Set<SwapState>> TRANSITIONS = new EnumMap<>(SwapState.class);

	static {
		allow(PENDING, VALIDATING, FAILED, CANCELLED);
		allow(VALIDATING, APPLYING_CONFIG, WARMING_UP, FAILED, CANCELLED);
		allow(APPLYING_CONFIG, WARMING_UP, FAILED, CANCELLED);
		allow(WARMING_UP, AWAITING_APPROVAL, SWAPPING, FAILED, CANCELLED);
		allow(AWAITING_APPROVAL, SWAPPING, FAILED, CANCELLED);
		// SWAPPING and ROLLING_BACK end only on Azure's word: success or failure, never cancel.
		allow(SWAPPING, VERIFYING, SUCCEEDED, FAILED);
		allow(VERIFYING, SUCCEEDED, ROLLING_BACK, FAILED);
		allow(ROLLING_BACK, ROLLED_BACK, FAILED);
		for (SwapState state : values()) {
			TRANSITIONS.putIfAbsent(state, Collections.emptySet());
		}
	}

	private static void allow(SwapState from, SwapState... to) {
		TRANSITIONS.put(from, Collections.unmodifiableSet(EnumSet.of(to[0], to)));
	}

	private final boolean terminal;

	private final boolean cancellable;

	SwapState(boolean terminal, boolean cancellable) {
		this.terminal = terminal;
		this.cancellable = cancellable;
	}

	public boolean isTerminal() {
		return terminal;
	}

	public boolean isCancellable() {
		return cancellable;
	}

	/** Whether an operation in this state may move to {@code next}. */
	public boolean canMoveTo(SwapState next) {
		return TRANSITIONS.get(this).contains(next);
	}

	/** The states this one may move to. */
	public Set<SwapState> successors() {
		return TRANSITIONS.get(this);
	}
}
