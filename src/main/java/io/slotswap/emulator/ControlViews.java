package io.slotswap.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of the control API: what tests read to assert what the emulator did. Call under the site's lock. */
final class ControlViews {

	private final SiteRegistry registry;

	ControlViews(SiteRegistry registry) {
		this.registry = registry;
	}

	Map<String, Object> site(EmulatedSite site) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("resourceGroup", site.resourceGroup());
		json.put("site", site.name());
		json.put("location", site.location());
		json.put("slots", site.slots().stream().map(slot -> slot(site, slot)).toList());
		SlotConfigNames names = site.slotConfigNames();
		json.put("stickyAppSettings", names.appSettingNames());
		json.put("stickyConnectionStrings", names.connectionStringNames());
		json.put("slotSwapStatus", ArmResources.swapStatus(site.swapStatus()));
		SwapOperation active = site.activeOperation();
		json.put("activeOperation", active == null ? null : operation(active));
		List<CompletedSwap> completed = site.completedSwaps();
		json.put("swapCount", completed.size());
		json.put("completedSwaps", completed.stream().map(ControlViews::completed).toList());
		json.put("operations", site.operations().stream().map(ControlViews::operation).toList());
		return json;
	}

	Map<String, Object> slot(EmulatedSite site, EmulatedSlot slot) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", slot.name());
		json.put("hostName", registry.hostName(site, slot));
		json.put("build", build(slot.build()));
		json.put("restartedAt", slot.restartedAt().toString());
		json.put("restartCount", slot.restartCount());
		json.put("targetSwapSlot", slot.targetSwapSlot());
		json.put("slotSwapStatus", ArmResources.swapStatus(slot.swapStatus()));
		json.put("appSettings", slot.settings().appSettings());
		Map<String, Object> strings = new LinkedHashMap<>();
		slot.settings().connectionStrings().forEach((name, cs) -> strings.put(name, Map.of("value",
				String.valueOf(cs.value()), "type", cs.type())));
		json.put("connectionStrings", strings);
		json.put("autoSwapSlotName", slot.siteConfig().get("autoSwapSlotName"));
		return json;
	}

	static Map<String, Object> build(Build build) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("version", build.version());
		json.put("healthy", build.healthy());
		json.put("warmupSeconds", build.warmup().toMillis() / 1000.0);
		json.put("failsInProduction", build.failsInProduction());
		return json;
	}

	private static Map<String, Object> completed(CompletedSwap swap) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("operationId", swap.operationId());
		json.put("sourceSlot", swap.sourceSlot());
		json.put("targetSlot", swap.targetSlot());
		json.put("sourceBuildBefore", swap.sourceBuildBefore());
		json.put("targetBuildBefore", swap.targetBuildBefore());
		json.put("requestedAt", swap.requestedAt().toString());
		json.put("completedAt", swap.completedAt().toString());
		return json;
	}

	static Map<String, Object> operation(SwapOperation operation) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", operation.id());
		json.put("sourceSlot", operation.sourceSlot());
		json.put("targetSlot", operation.targetSlot());
		json.put("status", operation.status().name());
		json.put("requestedAt", operation.requestedAt().toString());
		json.put("completedAt", operation.completedAt() == null ? null : operation.completedAt().toString());
		ArmError error = operation.error();
		json.put("error", error == null ? null : Map.of("status", error.status(), "code", error.code(), "message",
				error.message()));
		return json;
	}

	static Map<String, Object> faults(FaultSettings faults) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("armLatencyMillis", faults.armLatencyMillis());
		json.put("swapDurationMillis", faults.swapDurationMillis());
		json.put("throttleEveryNth", faults.throttleEveryNth());
		json.put("failNextSwaps", faults.failNextSwaps());
		json.put("transientErrorRate", faults.transientErrorRate());
		json.put("ambiguousSwaps", faults.ambiguousSwaps());
		ArmBudget budget = faults.armBudget();
		if (budget == null) {
			json.put("armBudget", null);
		}
		else {
			Map<String, Object> buckets = new LinkedHashMap<>();
			buckets.put("readsPerSecond", budget.readsPerSecond());
			buckets.put("readBurst", budget.readBurst());
			buckets.put("writesPerSecond", budget.writesPerSecond());
			buckets.put("writeBurst", budget.writeBurst());
			json.put("armBudget", buckets);
		}
		return json;
	}

	static Map<String, Object> stats(Faults.ArmCallStats stats, int swapCount) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("armReads", stats.reads());
		json.put("armWrites", stats.writes());
		json.put("armBudgetThrottledReads", stats.budgetThrottledReads());
		json.put("armBudgetThrottledWrites", stats.budgetThrottledWrites());
		json.put("swapCount", swapCount);
		return json;
	}
}
