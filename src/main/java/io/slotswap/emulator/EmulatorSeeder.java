package io.slotswap.emulator;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the demo site at start (when {@code slotswap.emulator.seed} is on) and on a control reset. */
final class EmulatorSeeder {

	private static final Logger log = LoggerFactory.getLogger(EmulatorSeeder.class);

	private final SiteRegistry registry;

	private final EmulatorProperties properties;

	private final Clock clock;

	EmulatorSeeder(SiteRegistry registry, EmulatorProperties properties, Clock clock) {
		this.registry = registry;
		this.properties = properties;
		this.clock = clock;
	}

	void seed() {
		if (properties.seed()) {
			registry.put(DemoSite.create(properties.location(), clock.instant()));
			log.info("App Service emulator seeded site {}/{} (slots production, {})", DemoSite.RESOURCE_GROUP,
					DemoSite.NAME, DemoSite.STAGING);
		}
	}

	void reseed() {
		registry.clear();
		seed();
	}
}
