package io.slotswap.emulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The slots' sites: {@code GET /emulator/sites/{hostName}/**} answers as the build currently
 * behind that host name (200 {@code {site, slot, build, hostName}}, 503 unhealthy or warming up,
 * 500 a build that fails in production, 404 an unknown host name).
 */
@RestController
@Conditional(EmulatorEnabledCondition.class)
class SlotSiteController {

	private final SiteRegistry registry;

	private final Clock clock;

	SlotSiteController(SiteRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping({ "/emulator/sites/{hostName}", "/emulator/sites/{hostName}/**" })
	ResponseEntity<byte[]> serve(@PathVariable String hostName) {
		return registry.route(hostName).map(route -> {
			SlotSiteAnswer answer = route.site()
					.locked(() -> SlotSiteAnswer.of(route.site(), route.slot(), hostName.toLowerCase(), clock.instant()));
			return Json.response(HttpStatus.valueOf(answer.status()), answer.body());
		}).orElseGet(() -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", "No site answers to host name '" + hostName + "'.");
			body.put("hostName", hostName);
			return Json.response(HttpStatus.NOT_FOUND, body);
		});
	}
}
