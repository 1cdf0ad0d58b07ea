package io.slotswap.emulator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.emulator.*}: knobs of the built-in App Service emulator.
 *
 * @param seed whether the demo site is created at start (and again on a control reset)
 * @param warmupBudget how long a swap's warm-up (phase 4) keeps pinging the source before it fails
 *        with 417; Azure allows 90 s x 5, the emulator keeps it small
 * @param warmupPingInterval pause between two warm-up pings
 * @param swapDuration default of the {@code swapDurationMillis} fault: how long a swap takes
 * @param hostNameSuffix domain of the slots' host names ({@code {site}[-{slot}].{suffix}})
 * @param location Azure region reported for sites created without one
 * @param swapThreads threads of the swap workers (each running swap holds one)
 */
@ConfigurationProperties("slotswap.emulator")
record EmulatorProperties(@DefaultValue("true") boolean seed,
		@DefaultValue("10s") Duration warmupBudget,
		@DefaultValue("200ms") Duration warmupPingInterval,
		@DefaultValue("2000ms") Duration swapDuration,
		@DefaultValue("emulator.local") String hostNameSuffix,
		@DefaultValue("West Europe") String location,
		@DefaultValue("4") int swapThreads) {
}
