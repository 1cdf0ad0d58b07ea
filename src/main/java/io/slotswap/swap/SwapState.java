package io.slotswap.swap;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a swap operation, each with the flags that say what it means, and the one
 * transition table ({@link #canMoveTo(SwapState)}). Code asks a state ({@code state.azureSide()})
 * instead of keeping its own list of states.
 */
public enum SwapState {

	/** Accepted and persisted; the engine has not looked at it yet. */
	PENDING(Flag.CANCELLABLE, Flag.BEFORE_SWAP),
	/** Checking that the site and both slots exist and that nobody else prepared the site for a swap. */
	VALIDATING(Flag.CANCELLABLE, Flag.BEFORE_SWAP),
	/** Swap with preview, phase 1: the target's sticky settings are applied to the source (it restarts). */
	APPLYING_CONFIG(Flag.CANCELLABLE, Flag.BEFORE_SWAP, Flag.PREVIEW_PREPARED),
	/** Probing the source slot until it answers as expected, or the warm-up times out. */
	WARMING_UP(Flag.CANCELLABLE, Flag.BEFORE_SWAP, Flag.PREVIEW_PREPARED),
	/** Waiting for an approver (or a cancel, or the approval deadline). */
	AWAITING_APPROVAL(Flag.CANCELLABLE, Flag.BEFORE_SWAP, Flag.PREVIEW_PREPARED),
	/** Azure swaps the source into the target. Ends only on Azure's word, never on a timer. */
	SWAPPING(Flag.AZURE_SIDE, Flag.PREVIEW_PREPARED),
	/** The swap is done; probing the target slot for the verification's duration. */
	VERIFYING(),
	/** Azure swaps the same pair back. Ends only on Azure's word, never on a timer. */
	ROLLING_BACK(Flag.AZURE_SIDE),
	/** The swap is done (and verified, when asked). */
	SUCCEEDED(Flag.TERMINAL),
	/** Ended without the outcome asked for; the error says why and what state the slots are in. */
	FAILED(Flag.TERMINAL),
	/** Verification failed and the same pair was swapped back: the previous build serves the target. */
	ROLLED_BACK(Flag.TERMINAL),
	/** Cancelled, rejected or not approved in time, before the target was touched. */
	CANCELLED(Flag.TERMINAL);

	private enum Flag {
		TERMINAL, CANCELLABLE, BEFORE_SWAP, AZURE_SIDE, PREVIEW_PREPARED
	}

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

	private final Set<Flag> flags;

	SwapState(Flag... flags) {
		this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
	}

	/** Nothing happens to the operation any more. */
	public boolean isTerminal() {
		return flags.contains(Flag.TERMINAL);
	}

	/** A cancel (or, awaiting approval, a rejection) is still allowed: the target was never touched. */
	public boolean isCancellable() {
		return flags.contains(Flag.CANCELLABLE);
	}

	/**
	 * The swap has not been sent: a failure here ends the operation FAILED with the target untouched
	 * (a prepared preview reset first).
	 */
	public boolean beforeSwap() {
		return flags.contains(Flag.BEFORE_SWAP);
	}

	/**
	 * Azure may be swapping right now: only Azure's word (success, or an explicit failure of our
	 * swap) ends the state; every other error means wait and reconcile.
	 */
	public boolean azureSide() {
		return flags.contains(Flag.AZURE_SIDE);
	}

	/**
	 * In {@code PREVIEW} mode, the source slot may be prepared for the swap (phase 1 applied) in this
	 * state: ending the operation here needs a {@code resetSlotConfig} first.
	 */
	public boolean previewMayBePrepared() {
		return flags.contains(Flag.PREVIEW_PREPARED);
	}

	/** The states in which Azure may be swapping ({@link #azureSide()}). */
	public static Set<SwapState> azureSideStates() {
		EnumSet<SwapState> states = EnumSet.noneOf(SwapState.class);
		for (SwapState state : values()) {
			if (state.azureSide()) {
				states.add(state);
			}
		}
		return Collections.unmodifiableSet(states);
	}

	/** The states an operation ends in ({@link #isTerminal()}). */
	public static Set<SwapState> terminalStates() {
		EnumSet<SwapState> states = EnumSet.noneOf(SwapState.class);
		for (SwapState state : values()) {
			if (state.isTerminal()) {
				states.add(state);
			}
		}
		return Collections.unmodifiableSet(states);
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
