package io.slotswap.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a slot's site answers a request right now: decided by the build behind the host name, the
 * time since the slot last restarted and whether it serves the production host name. Used by the
 * slot-site endpoint and by a swap's warm-up pings alike. Call under the site's lock.
 */
record SlotSiteAnswer(int status, Map<String, Object> body) {

	static SlotSiteAnswer of(EmulatedSite site, EmulatedSlot slot, String hostName, Instant now) {
		Build build = slot.build();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("site", site.name());
		body.put("slot", slot.name());
		body.put("build", build.version());
		body.put("hostName", hostName);
		if (!build.healthy()) {
			body.put("error", "Build " + build.version() + " is unhealthy.");
			return new SlotSiteAnswer(503, body);
		}
		Instant warmUntil = slot.restartedAt().plus(build.warmup());
		if (now.isBefore(warmUntil)) {
			body.put("error", "Build " + build.version() + " is warming up until " + warmUntil + ".");
			return new SlotSiteAnswer(503, body);
		}
		if (build.failsInProduction() && slot.isProduction()) {
			body.put("error", "Build " + build.version() + " fails in production.");
			return new SlotSiteAnswer(500, body);
		}
		return new SlotSiteAnswer(200, body);
	}
}
