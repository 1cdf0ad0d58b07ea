package io.slotswap.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site seeded at start: {@code rg-dss-demo/dss-helloworldapp-prod} with slot {@code staging};
 * build 1.0.0 in production, 1.1.0 in staging; sticky {@code ENVIRONMENT} and connection string
 * {@code Database} with per-slot values, non-sticky {@code GREETING} and {@code FEATURE_BANNER}.
 */
final class DemoSite {

	static final String RESOURCE_GROUP = "rg-dss-demo";

	static final String NAME = "dss-helloworldapp-prod";

	static final String STAGING = "staging";

	private DemoSite() {
	}

	static EmulatedSite create(String location, Instant now) {
		EmulatedSite site = new EmulatedSite(RESOURCE_GROUP, NAME, location);
		site.addSlot(new EmulatedSlot(EmulatedSlot.PRODUCTION, build("1.0.0"), settings("production", "1.0.0", "false"),
				now));
		site.addSlot(new EmulatedSlot(STAGING, build("1.1.0"), settings("staging", "1.1.0", "true"), now));
		site.slotConfigNames(new SlotConfigNames(List.of("ENVIRONMENT"), List.of("Database"), List.of()));
		return site;
	}

	private static Build build(String version) {
		return new Build(version, true, Duration.ZERO, false);
	}

	private static SlotSettings settings(String environment, String version, String banner) {
		Map<String, String> app = new LinkedHashMap<>();
		app.put("ENVIRONMENT", environment);
		app.put("GREETING", "Hello from " + version);
		app.put("FEATURE_BANNER", banner);
		app.put("WEBSITE_TIME_ZONE", "UTC");
		Map<String, ConnectionString> strings = new LinkedHashMap<>();
		strings.put("Database", new ConnectionString("Server=tcp:sql-dss-demo-" + environment
				+ ".database.windows.net,1433;Database=helloworld;Authentication=Active Directory Default;", "SQLAzure"));
		return new SlotSettings(app, strings);
	}
}
