package io.slotswap.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code PUT /emulator/control/sites/{resourceGroup}/{site}} creates: a site with its slots
 * ({@code production} always), the same settings in every slot, sticky names and build
 * {@link #INITIAL_BUILD} everywhere.
 */
record SiteDefinition(String resourceGroup, String name, String location, List<String> slots,
		Map<String, String> appSettings, List<String> stickyAppSettings,
		Map<String, ConnectionString> connectionStrings, List<String> stickyConnectionStrings) {

	static final String INITIAL_BUILD = "1.0.0";

	private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w._()]{0,89}[-\\w_()]");

	private static final Pattern SITE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])");

	private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,57}[A-Za-z0-9])?");

	private static final Set<String> FIELDS = Set.of("slots", "appSettings", "stickyAppSettings", "connectionStrings",
			"stickyConnectionStrings", "location");

	EmulatedSite create(Instant now) {
		EmulatedSite site = new EmulatedSite(resourceGroup, name, location);
		SlotSettings settings = new SlotSettings(appSettings, connectionStrings);
		site.addSlot(new EmulatedSlot(EmulatedSlot.PRODUCTION, Build.of(INITIAL_BUILD), settings, now));
		slots.forEach(slot -> site.addSlot(new EmulatedSlot(slot, Build.of(INITIAL_BUILD), settings, now)));
		site.slotConfigNames(new SlotConfigNames(stickyAppSettings, stickyConnectionStrings, List.of()));
		return site;
	}

	static void requireResourceGroup(String resourceGroup) {
		if (!RESOURCE_GROUP.matcher(resourceGroup).matches()) {
			throw bad("Resource group '" + resourceGroup
					+ "' is invalid: 1-90 letters, digits, '-', '_', '.', '(', ')', not ending in '.'.");
		}
	}

	static void requireSite(String site) {
		if (!SITE.matcher(site).matches()) {
			throw bad("Site '" + site + "' is invalid: 2-60 letters, digits or '-', no leading or trailing '-'.");
		}
	}

	static void requireSlot(String slot) {
		if (!SLOT.matcher(slot).matches()) {
			throw bad("Slot '" + slot + "' is invalid: 1-59 letters, digits or '-', no leading or trailing '-'.");
		}
	}

	static ArmException bad(String message) {
		return ArmErrors.badRequest(message).exception();
	}

	static void rejectUnknownFields(Map<String, Object> json, Set<String> allowed) {
		for (String key : json.keySet()) {
			if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(key))) {
				throw bad("Unknown property '" + key + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList())
						+ ".");
			}
		}
	}

	/** Parses and validates the control body; 400 ({@link ArmException}) with a clear message otherwise. */
	static SiteDefinition parse(String resourceGroup, String name, Map<String, Object> json, String defaultLocation) {
		requireResourceGroup(resourceGroup);
		requireSite(name);
		rejectUnknownFields(json, FIELDS);
		List<String> slots = new ArrayList<>();
		for (String slot : strings(json, "slots")) {
			requireSlot(slot);
			boolean duplicate = slots.stream().anyMatch(s -> s.equalsIgnoreCase(slot));
			if (!slot.equalsIgnoreCase(EmulatedSlot.PRODUCTION) && !duplicate) {
				slots.add(slot);
			}
		}
		Map<String, String> appSettings = new LinkedHashMap<>();
		Object settingsJson = Json.get(json, "appSettings");
		if (settingsJson != null) {
			Map<String, Object> map = Json.asObject(settingsJson);
			if (map == null) {
				throw bad("'appSettings' must be an object of name to string value.");
			}
			map.forEach((k, v) -> {
				if (k.isBlank() || !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
					throw bad("App setting '" + k + "' must have a non-blank name and a string value.");
				}
				appSettings.put(k, String.valueOf(v));
			});
		}
		Map<String, ConnectionString> connectionStrings = new LinkedHashMap<>();
		Object stringsJson = Json.get(json, "connectionStrings");
		if (stringsJson != null) {
			Map<String, Object> map = Json.asObject(stringsJson);
			if (map == null) {
				throw bad("'connectionStrings' must be an object of name to {\"value\", \"type\"} (or a string value).");
			}
			map.forEach((k, v) -> connectionStrings.put(k, connectionString(k, v)));
		}
		Object location = Json.get(json, "location");
		if (location != null && !(location instanceof String)) {
			throw bad("'location' must be a string.");
		}
		String effectiveLocation = location == null || ((String) location).isBlank() ? defaultLocation
				: (String) location;
		return new SiteDefinition(resourceGroup, name, effectiveLocation, slots, appSettings,
				strings(json, "stickyAppSettings"), connectionStrings, strings(json, "stickyConnectionStrings"));
	}

	private static ConnectionString connectionString(String name, Object value) {
		if (value instanceof String s) {
			return new ConnectionString(s, "Custom");
		}
		Map<String, Object> map = Json.asObject(value);
		if (map == null || !(Json.get(map, "value") instanceof String)) {
			throw bad("Connection string '" + name + "' must be {\"value\": \"...\", \"type\": \"SQLAzure\"} or a string.");
		}
		Object type = Json.get(map, "type");
		return new ConnectionString((String) Json.get(map, "value"), type == null ? "Custom" : String.valueOf(type));
	}

	static List<String> strings(Map<String, Object> json, String field) {
		Object value = Json.get(json, field);
		if (value == null) {
			return List.of();
		}
		List<?> list = Json.asList(value);
		if (list == null || list.stream().anyMatch(v -> !(v instanceof String s) || s.isBlank())) {
			throw bad("'" + field + "' must be an array of non-blank strings.");
		}
		return list.stream().map(String.class::cast).toList();
	}

	static String lower(String s) {
		return s.toLowerCase(Locale.ROOT);
	}
}
