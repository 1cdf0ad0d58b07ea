package io.slotswap.emulator;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The current {@link FaultSettings} and the counters that apply them. Thread-safe. */
final class Faults {

	private final FaultSettings defaults;

	private FaultSettings settings;

	private long armCalls;

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
}
