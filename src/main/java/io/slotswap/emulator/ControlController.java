package io.slotswap.emulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulator's control API: create sites, deploy builds, set faults, and read what happened
 * (builds per slot, swap count, completed swaps; ARM call statistics) so tests can assert
 * exactly-once swaps and benchmarks can count calls. Errors use the same envelope as ARM:
 * {@code {"error":{"code","message",...}}}.
 */
@RestController
@RequestMapping("/emulator/control")
@Conditional(EmulatorEnabledCondition.class)
class ControlController {

	private static final Set<String> BUILD_FIELDS = Set.of("version", "healthy", "warmupSeconds", "failsInProduction");

	private static final Set<String> FAULT_FIELDS = Set.of("armLatencyMillis", "swapDurationMillis", "throttleEveryNth",
			"failNextSwaps", "transientErrorRate", "ambiguousSwaps", "armBudget");

	private static final Set<String> BUDGET_FIELDS = Set.of("readsPerSecond", "readBurst", "writesPerSecond",
			"writeBurst");

	private final SiteRegistry registry;

	private final Faults faults;

	private final EmulatorSeeder seeder;

	private final EmulatorProperties properties;

	private final Clock clock;

	private final ControlViews views;

	ControlController(SiteRegistry registry, Faults faults, EmulatorSeeder seeder, EmulatorProperties properties,
			Clock clock) {
		this.registry = registry;
		this.faults = faults;
		this.seeder = seeder;
		this.properties = properties;
		this.clock = clock;
		this.views = new ControlViews(registry);
	}

	@GetMapping("/sites")
	ResponseEntity<byte[]> sites() {
		return Json.response(HttpStatus.OK,
				registry.all().stream().map(site -> site.locked(() -> views.site(site))).toList());
	}

	@GetMapping("/sites/{resourceGroup}/{site}")
	ResponseEntity<byte[]> site(@PathVariable String resourceGroup, @PathVariable String site) {
		EmulatedSite found = requireSite(resourceGroup, site);
		return Json.response(HttpStatus.OK, found.locked(() -> views.site(found)));
	}

	@PutMapping("/sites/{resourceGroup}/{site}")
	ResponseEntity<byte[]> putSite(@PathVariable String resourceGroup, @PathVariable String site,
			@RequestBody(required = false) byte[] body) {
		SiteDefinition definition = SiteDefinition.parse(resourceGroup, site, Json.object(body, ArmErrors::badRequest),
				properties.location());
		registry.find(resourceGroup, site).ifPresent(existing -> existing.locked(existing::ensureNotBusy));
		EmulatedSite created = definition.create(clock.instant());
		boolean replaced = registry.put(created).isPresent();
		return Json.response(replaced ? HttpStatus.OK : HttpStatus.CREATED, created.locked(() -> views.site(created)));
	}

	@DeleteMapping("/sites/{resourceGroup}/{site}")
	ResponseEntity<Void> deleteSite(@PathVariable String resourceGroup, @PathVariable String site) {
		EmulatedSite found = requireSite(resourceGroup, site);
		found.locked(found::ensureNotBusy);
		registry.remove(resourceGroup, site);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/sites/{resourceGroup}/{site}/slots/{slot}/build")
	ResponseEntity<byte[]> deploy(@PathVariable String resourceGroup, @PathVariable String site,
			@PathVariable String slot, @RequestBody(required = false) byte[] body) {
		Build build = parseBuild(Json.object(body, ArmErrors::badRequest));
		EmulatedSite found = requireSite(resourceGroup, site);
		Map<String, Object> view = found.locked(() -> {
			EmulatedSlot target = found.slot(slot).orElseThrow(() -> new ArmError(404, "NotFound",
					"Site '" + found.name() + "' has no slot '" + slot + "'.").exception());
			found.ensureNotBusy();
			target.deploy(build, clock.instant());
			return views.slot(found, target);
		});
		return Json.response(HttpStatus.OK, view);
	}

	@GetMapping("/faults")
	ResponseEntity<byte[]> faults() {
		return Json.response(HttpStatus.OK, ControlViews.faults(faults.current()));
	}

	@PutMapping("/faults")
	ResponseEntity<byte[]> putFaults(@RequestBody(required = false) byte[] body) {
		Map<String, Object> json = Json.object(body, ArmErrors::badRequest);
		SiteDefinition.rejectUnknownFields(json, FAULT_FIELDS);
		synchronized (faults) {
			FaultSettings now = faults.current();
			FaultSettings updated = new FaultSettings(
					longField(json, "armLatencyMillis", now.armLatencyMillis(), 0, 60_000),
					longField(json, "swapDurationMillis", now.swapDurationMillis(), 0, 600_000),
					(int) longField(json, "throttleEveryNth", now.throttleEveryNth(), 0, Integer.MAX_VALUE),
					(int) longField(json, "failNextSwaps", now.failNextSwaps(), 0, Integer.MAX_VALUE),
					rate(json, now.transientErrorRate()),
					(int) longField(json, "ambiguousSwaps", now.ambiguousSwaps(), 0, Integer.MAX_VALUE),
					budget(json, now.armBudget()));
			return Json.response(HttpStatus.OK, ControlViews.faults(faults.update(updated)));
		}
	}

	@DeleteMapping("/faults")
	ResponseEntity<byte[]> resetFaults() {
		return Json.response(HttpStatus.OK, ControlViews.faults(faults.reset()));
	}

	/** What the emulated Resource Manager served: ARM reads and writes, the budget's 429s, swaps of all sites. */
	@GetMapping("/stats")
	ResponseEntity<byte[]> stats() {
		int swaps = registry.all().stream().mapToInt(site -> site.locked(() -> site.completedSwaps().size())).sum();
		return Json.response(HttpStatus.OK, ControlViews.stats(faults.stats(), swaps));
	}

	/** Zeroes the ARM call statistics (faults and sites stay as they are). */
	@DeleteMapping("/stats")
	ResponseEntity<Void> resetStats() {
		faults.resetStats();
		return ResponseEntity.noContent().build();
	}

	/** Everything back to the start: default faults, no sites but the seeded one (when seeding is on). */
	@PostMapping("/reset")
	ResponseEntity<byte[]> reset() {
		FaultSettings reset = faults.reset();
		seeder.reseed();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("faults", ControlViews.faults(reset));
		json.put("sites", registry.all().stream().map(site -> site.locked(() -> views.site(site))).toList());
		return Json.response(HttpStatus.OK, json);
	}

	@ExceptionHandler(ArmException.class)
	ResponseEntity<byte[]> error(ArmException e) {
		return Json.error(e.error(), null);
	}

	private EmulatedSite requireSite(String resourceGroup, String site) {
		return registry.find(resourceGroup, site).orElseThrow(() -> new ArmError(404, "NotFound",
				"Site '" + site + "' in resource group '" + resourceGroup + "' does not exist.").exception());
	}

	private static Build parseBuild(Map<String, Object> json) {
		SiteDefinition.rejectUnknownFields(json, BUILD_FIELDS);
		Object version = Json.get(json, "version");
		if (!(version instanceof String v) || v.isBlank() || v.length() > 100) {
			throw SiteDefinition.bad("'version' is required: a non-blank string of at most 100 characters.");
		}
		boolean healthy = bool(json, "healthy", true);
		boolean failsInProduction = bool(json, "failsInProduction", false);
		Object warmup = Json.get(json, "warmupSeconds");
		Duration warmupDuration = Duration.ZERO;
		if (warmup != null) {
			if (!(warmup instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 3600) {
				throw SiteDefinition.bad("'warmupSeconds' must be a number from 0 to 3600.");
			}
			warmupDuration = Duration.ofMillis(new BigDecimal(n.toString()).movePointRight(3).longValue());
		}
		return new Build(v.trim(), healthy, warmupDuration, failsInProduction);
	}

	private static boolean bool(Map<String, Object> json, String field, boolean fallback) {
		Object value = Json.get(json, field);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Boolean b)) {
			throw SiteDefinition.bad("'" + field + "' must be true or false.");
		}
		return b;
	}

	private static long longField(Map<String, Object> json, String field, long fallback, long min, long max) {
		Object value = Json.get(json, field);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger)
				|| ((Number) value).doubleValue() < min || ((Number) value).doubleValue() > max) {
			throw SiteDefinition.bad("'" + field + "' must be a whole number from " + min + " to " + max + ".");
		}
		return ((Number) value).longValue();
	}

	/**
	 * {@code armBudget}: absent keeps the current budget, null is unlimited; in an object, omitted fields
	 * keep the current budget's values (Azure's figures when there was none).
	 */
	private static ArmBudget budget(Map<String, Object> json, ArmBudget current) {
		if (!Json.has(json, "armBudget")) {
			return current;
		}
		Object value = Json.get(json, "armBudget");
		if (value == null) {
			return null;
		}
		Map<String, Object> budget = Json.asObject(value);
		if (budget == null) {
			throw SiteDefinition.bad("'armBudget' must be null or an object {readsPerSecond, readBurst, "
					+ "writesPerSecond, writeBurst}.");
		}
		SiteDefinition.rejectUnknownFields(budget, BUDGET_FIELDS);
		ArmBudget base = current != null ? current : ArmBudget.AZURE;
		return new ArmBudget(perSecond(budget, "readsPerSecond", base.readsPerSecond()),
				(int) longField(budget, "readBurst", base.readBurst(), 1, 1_000_000),
				perSecond(budget, "writesPerSecond", base.writesPerSecond()),
				(int) longField(budget, "writeBurst", base.writeBurst(), 1, 1_000_000));
	}

	private static double perSecond(Map<String, Object> json, String field, double fallback) {
		Object value = Json.get(json, field);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 1_000_000) {
			throw SiteDefinition.bad("'" + field + "' must be a number above 0, at most 1000000.");
		}
		return n.doubleValue();
	}

	private static double rate(Map<String, Object> json, double fallback) {
		Object value = Json.get(json, "transientErrorRate");
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
			throw SiteDefinition.bad("'transientErrorRate' must be a number from 0.0 to 1.0.");
		}
		return n.doubleValue();
	}
}
