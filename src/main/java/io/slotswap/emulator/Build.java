package io.slotswap.emulator;

import java.time.Duration;

/**
 * What a pipeline deployed to a slot.
 *
 * @param version shown by the slot site
 * @param healthy false = the build always answers 503
 * @param warmup the build answers 503 for this long after each restart of its slot
 * @param failsInProduction the build answers 500 whenever it serves the production host name
 */
record Build(String version, boolean healthy, Duration warmup, boolean failsInProduction) {

	static Build of(String version) {
		return new Build(version, true, Duration.ZERO, false);
	}
}
