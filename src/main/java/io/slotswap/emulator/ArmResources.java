package io.slotswap.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the model as Resource Manager JSON ({@code Microsoft.Web/sites}, {@code sites/slots},
 * {@code sites/config}), the property names the Azure SDKs read. Call under the site's lock.
 */
final class ArmResources {

	private final SiteRegistry registry;

	ArmResources(SiteRegistry registry) {
		this.registry = registry;
	}

	static String siteId(String subscriptionId, EmulatedSite site) {
		return "/subscriptions/" + subscriptionId + "/resourceGroups/" + site.resourceGroup()
				+ "/providers/Microsoft.Web/sites/" + site.name();
	}

	static String slotId(String subscriptionId, EmulatedSite site, EmulatedSlot slot) {
		return slot.isProduction() ? siteId(subscriptionId, site)
				: siteId(subscriptionId, site) + "/slots/" + slot.name();
	}

	static String resourceName(EmulatedSite site, EmulatedSlot slot) {
		return slot.isProduction() ? site.name() : site.name() + "/" + slot.name();
	}

	/** GET site / GET slot. */
	Map<String, Object> site(String subscriptionId, EmulatedSite site, EmulatedSlot slot) {
		String hostName = registry.hostName(site, slot);
		String scmHostName = registry.scmHostName(site, slot);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("name", slot.isProduction() ? site.name() : site.name() + "(" + slot.name() + ")");
		properties.put("state", "Running");
		properties.put("hostNames", List.of(hostName));
		properties.put("webSpace", site.resourceGroup() + "-webspace");
		properties.put("selfLink", null);
		properties.put("repositorySiteName", site.name());
		properties.put("owner", null);
		properties.put("usageState", "Normal");
		properties.put("enabled", true);
		properties.put("adminEnabled", true);
		properties.put("enabledHostNames", List.of(hostName, scmHostName));
		properties.put("availabilityState", "Normal");
		properties.put("hostNameSslStates", List.of(sslState(hostName, "Standard"), sslState(scmHostName, "Repository")));
		properties.put("serverFarmId", "/subscriptions/" + subscriptionId + "/resourceGroups/" + site.resourceGroup()
				+ "/providers/Microsoft.Web/serverfarms/" + site.name() + "-plan");
		properties.put("reserved", false);
		properties.put("isXenon", false);
		properties.put("hyperV", false);
		properties.put("lastModifiedTimeUtc", slot.lastModified().toString());
		properties.put("siteConfig", siteConfigProperties(slot));
		properties.put("trafficManagerHostNames", null);
		properties.put("scmSiteAlsoStopped", false);
		properties.put("targetSwapSlot", slot.targetSwapSlot());
		properties.put("clientAffinityEnabled", true);
		properties.put("clientCertEnabled", false);
		properties.put("clientCertMode", "Required");
		properties.put("hostNamesDisabled", false);
		properties.put("containerSize", 0);
		properties.put("dailyMemoryTimeQuota", 0);
		properties.put("resourceGroup", site.resourceGroup());
		properties.put("defaultHostName", hostName);
		properties.put("slotSwapStatus", swapStatus(slot.swapStatus()));
		properties.put("httpsOnly", false);
		properties.put("redundancyMode", "None");
		properties.put("publicNetworkAccess", "Enabled");
		properties.put("storageAccountRequired", false);
		properties.put("keyVaultReferenceIdentity", "SystemAssigned");
		properties.put("sku", "Standard");
		Map<String, Object> resource = resource(slotId(subscriptionId, site, slot), resourceName(site, slot),
				slot.isProduction() ? "Microsoft.Web/sites" : "Microsoft.Web/sites/slots", site);
		resource.put("kind", "app");
		resource.put("tags", Map.of());
		resource.put("properties", properties);
		return resource;
	}

	static Map<String, Object> swapStatus(SwapStatus status) {
		if (status == null) {
			return null;
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("timestampUtc", status.timestampUtc().toString());
		json.put("sourceSlotName", status.sourceSlotName());
		json.put("destinationSlotName", status.destinationSlotName());
		return json;
	}

	private static Map<String, Object> sslState(String name, String hostType) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", name);
		json.put("sslState", "Disabled");
		json.put("virtualIP", null);
		json.put("thumbprint", null);
		json.put("toUpdate", null);
		json.put("hostType", hostType);
		return json;
	}

	/** GET slots. */
	Map<String, Object> slotList(String subscriptionId, EmulatedSite site) {
		List<Object> value = new ArrayList<>();
		site.slots().stream().filter(s -> !s.isProduction()).forEach(s -> value.add(site(subscriptionId, site, s)));
		return list(value);
	}

	static Map<String, Object> list(List<?> value) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("value", value);
		json.put("nextLink", null);
		return json;
	}

	/** GET/PUT config/web. */
	Map<String, Object> webConfig(String subscriptionId, EmulatedSite site, EmulatedSlot slot) {
		Map<String, Object> resource = config(subscriptionId, site, slot, "web");
		resource.put("properties", siteConfigProperties(slot));
		return resource;
	}

	private static Map<String, Object> siteConfigProperties(EmulatedSlot slot) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("numberOfWorkers", 1);
		properties.put("defaultDocuments", List.of("index.html", "hostingstart.html"));
		properties.put("netFrameworkVersion", "v4.0");
		properties.put("phpVersion", "");
		properties.put("pythonVersion", "");
		properties.put("nodeVersion", "");
		properties.put("powerShellVersion", "");
		properties.put("linuxFxVersion", "");
		properties.put("requestTracingEnabled", false);
		properties.put("remoteDebuggingEnabled", false);
		properties.put("httpLoggingEnabled", false);
		properties.put("logsDirectorySizeLimit", 35);
		properties.put("detailedErrorLoggingEnabled", false);
		properties.put("use32BitWorkerProcess", true);
		properties.put("webSocketsEnabled", false);
		properties.put("alwaysOn", false);
		properties.put("managedPipelineMode", "Integrated");
		properties.put("loadBalancing", "LeastRequests");
		properties.put("autoHealEnabled", false);
		properties.put("http20Enabled", false);
		properties.put("minTlsVersion", "1.2");
		properties.put("scmMinTlsVersion", "1.2");
		properties.put("ftpsState", "FtpsOnly");
		properties.put("scmType", "None");
		properties.put("autoSwapSlotName", null);
		properties.putAll(slot.siteConfig());
		return properties;
	}

	/** GET config/logs (the fluent SDK reads it with every site and slot). */
	Map<String, Object> logsConfig(String subscriptionId, EmulatedSite site, EmulatedSlot slot) {
		Map<String, Object> off = new LinkedHashMap<>();
		off.put("level", "Off");
		Map<String, Object> offWithSas = new LinkedHashMap<>(off);
		offWithSas.put("sasUrl", null);
		Map<String, Object> blob = new LinkedHashMap<>(offWithSas);
		blob.put("retentionInDays", null);
		Map<String, Object> applicationLogs = new LinkedHashMap<>();
		applicationLogs.put("fileSystem", off);
		applicationLogs.put("azureTableStorage", offWithSas);
		applicationLogs.put("azureBlobStorage", blob);
		Map<String, Object> fileSystem = new LinkedHashMap<>();
		fileSystem.put("retentionInMb", 35);
		fileSystem.put("retentionInDays", null);
		fileSystem.put("enabled", false);
		Map<String, Object> httpBlob = new LinkedHashMap<>();
		httpBlob.put("sasUrl", null);
		httpBlob.put("retentionInDays", null);
		httpBlob.put("enabled", false);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("applicationLogs", applicationLogs);
		properties.put("httpLogs", Map.of("fileSystem", fileSystem, "azureBlobStorage", httpBlob));
		properties.put("failedRequestsTracing", Map.of("enabled", false));
		properties.put("detailedErrorMessages", Map.of("enabled", false));
		Map<String, Object> resource = config(subscriptionId, site, slot, "logs");
		resource.put("properties", properties);
		return resource;
	}

	Map<String, Object> appSettings(String subscriptionId, EmulatedSite site, EmulatedSlot slot) {
		Map<String, Object> resource = config(subscriptionId, site, slot, "appsettings");
		resource.put("properties", new LinkedHashMap<>(slot.settings().appSettings()));
		return resource;
	}

	Map<String, Object> connectionStrings(String subscriptionId, EmulatedSite site, EmulatedSlot slot) {
		Map<String, Object> properties = new LinkedHashMap<>();
		slot.settings().connectionStrings().forEach((name, cs) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("value", cs.value());
			json.put("type", cs.type());
			properties.put(name, json);
		});
		Map<String, Object> resource = config(subscriptionId, site, slot, "connectionstrings");
		resource.put("properties", properties);
		return resource;
	}

	Map<String, Object> slotConfigNames(String subscriptionId, EmulatedSite site) {
		SlotConfigNames names = site.slotConfigNames();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("appSettingNames", names.appSettingNames());
		properties.put("connectionStringNames", names.connectionStringNames());
		properties.put("azureStorageConfigNames", names.azureStorageConfigNames());
		Map<String, Object> resource = config(subscriptionId, site, site.production(), "slotConfigNames");
		resource.put("properties", properties);
		return resource;
	}

	private Map<String, Object> config(String subscriptionId, EmulatedSite site, EmulatedSlot slot, String name) {
		String type = slot.isProduction() ? "Microsoft.Web/sites/config" : "Microsoft.Web/sites/slots/config";
		return resource(slotId(subscriptionId, site, slot) + "/config/" + name,
				resourceName(site, slot) + "/" + name, type, site);
	}

	private static Map<String, Object> resource(String id, String name, String type, EmulatedSite site) {
		Map<String, Object> resource = new LinkedHashMap<>();
		resource.put("id", id);
		resource.put("name", name);
		resource.put("type", type);
		resource.put("location", site.location());
		return resource;
	}

	/** POST slotsdiffs: what a swap of {@code current} into {@code target} changes (real values). */
	Map<String, Object> differences(EmulatedSite site, EmulatedSlot current, EmulatedSlot target) {
		SlotConfigNames names = site.slotConfigNames();
		SlotSettings here = current.ownSettings() != null ? current.ownSettings() : current.settings();
		SlotSettings there = target.settings();
		List<Object> value = new ArrayList<>();
		diff(value, "AppSetting", here.appSettings(), there.appSettings(), names::stickyAppSetting);
		Map<String, String> hereStrings = new LinkedHashMap<>();
		here.connectionStrings().forEach((k, v) -> hereStrings.put(k, v.value()));
		Map<String, String> thereStrings = new LinkedHashMap<>();
		there.connectionStrings().forEach((k, v) -> thereStrings.put(k, v.value()));
		diff(value, "ConnectionString", hereStrings, thereStrings, names::stickyConnectionString);
		String autoSwap = String.valueOf(current.siteConfig().get("autoSwapSlotName"));
		if (current.siteConfig().get("autoSwapSlotName") != null) {
			value.add(difference("Warning", "General", "AutoSwapIsConfigured", "Auto swap", autoSwap,
					String.valueOf(target.siteConfig().get("autoSwapSlotName")),
					"Auto swap is configured on slot '" + current.name() + "' (to slot '" + autoSwap + "')."));
		}
		return list(value);
	}

	private static void diff(List<Object> value, String settingType, Map<String, String> here,
			Map<String, String> there, java.util.function.Predicate<String> sticky) {
		List<String> names = new ArrayList<>(here.keySet());
		there.keySet().stream().filter(n -> !here.containsKey(n)).forEach(names::add);
		for (String name : names) {
			String mine = here.get(name);
			String theirs = there.get(name);
			if (mine != null && mine.equals(theirs)) {
				continue;
			}
			boolean isSticky = sticky.test(name);
			String label = "AppSetting".equals(settingType) ? "App setting" : "Connection string";
			String rule;
			String description;
			if (isSticky) {
				rule = "SettingsWillBeModifiedInSource";
				description = label + " '" + name
						+ "' is a slot setting: the source takes the target's value during the swap and keeps its own afterwards.";
			}
			else if (theirs == null) {
				rule = "SettingsWillBeAddedToDestination";
				description = label + " '" + name + "' will be added to the destination slot.";
			}
			else if (mine == null) {
				rule = "SettingsWillBeRemovedFromDestination";
				description = label + " '" + name + "' will be removed from the destination slot.";
			}
			else {
				rule = "SettingsWillBeModifiedInDestination";
				description = label + " '" + name + "' will be modified in the destination slot.";
			}
			value.add(difference("Information", settingType, rule, name, mine, theirs, description));
		}
	}

	private static Map<String, Object> difference(String level, String settingType, String diffRule,
			String settingName, String inCurrent, String inTarget, String description) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("level", level);
		properties.put("settingType", settingType);
		properties.put("diffRule", diffRule);
		properties.put("settingName", settingName);
		properties.put("valueInCurrentSlot", inCurrent);
		properties.put("valueInTargetSlot", inTarget);
		properties.put("description", description);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", null);
		json.put("name", null);
		json.put("type", "Microsoft.Web/sites/slots/slotsdiffs");
		json.put("properties", properties);
		return json;
	}
}
