package io.slotswap.emulator;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The current {@link FaultSettings} and the counters that apply them. Thread-safe. */
final class Faults {

	private final FaultSettings defaults;

	private FaultSettings settings;

	private long armCalls;

	/** Swap answers lost so far: an even count means the next one is a 504, an odd one a dropped connection. */
	private long lostSwapAnswers;

	/** How the answer to a swap that was performed gets lost ({@code ambiguousSwaps}). */
	enum LostAnswer {

		/** ARM's 504 {@code GatewayTimeout}: the caller cannot tell whether the swap started. */
		GATEWAY_TIMEOUT,

		/** The connection is closed without any HTTP answer. */
		CONNECTION_DROPPED
	}

	Faults(FaultSettings defaults) {
		this.defaults = defaults;
		this.settings = defaults;
	}

	synchronized FaultSettings current() {
		return settings;
	}

	synchronized FaultSettings update(FaultSettings updated) {
		settings = updated;
		return settings;
	}

	synchronized FaultSettings reset() {
		settings = defaults;
		armCalls = 0;
		lostSwapAnswers = 0;
		return settings;
	}

	/** Counts one ARM call; the error it must answer with (throttling or transient), if any. */
	Optional<ArmError> onArmCall() {
		FaultSettings now;
		long call;
		synchronized (this) {
			now = settings;
			call = ++armCalls;
		}
		if (now.throttleEveryNth() > 0 && call % now.throttleEveryNth() == 0) {
			return Optional.of(ArmErrors.throttled());
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		if (now.transientErrorRate() > 0 && random.nextDouble() < now.transientErrorRate()) {
			return Optional.of(ArmErrors.transientFailure(random.nextBoolean()));
		}
		return Optional.empty();
	}

	/** Whether the swap starting now must fail transiently (consumes one of {@code failNextSwaps}). */
	synchronized boolean takeSwapFailure() {
		if (settings.failNextSwaps() <= 0) {
			return false;
		}
		settings = settings.withFailNextSwaps(settings.failNextSwaps() - 1);
		return true;
	}

	/**
	 * Whether the answer to the swap just started must be lost, and how (consumes one of
	 * {@code ambiguousSwaps}); 504 and dropped connection alternate, starting with 504.
	 */
	synchronized Optional<LostAnswer> takeLostSwapAnswer() {
		if (settings.ambiguousSwaps() <= 0) {
			return Optional.empty();
		}
		settings = settings.withAmbiguousSwaps(settings.ambiguousSwaps() - 1);
		return Optional.of(lostSwapAnswers++ % 2 == 0 ? LostAnswer.GATEWAY_TIMEOUT : LostAnswer.CONNECTION_DROPPED);
	}
}
