package io.slotswap.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A slot's app settings and connection strings: an immutable value. */
record SlotSettings(Map<String, String> appSettings, Map<String, ConnectionString> connectionStrings) {

	static final SlotSettings EMPTY = new SlotSettings(Map.of(), Map.of());

	SlotSettings {
		appSettings = Collections.unmodifiableMap(new LinkedHashMap<>(appSettings));
		connectionStrings = Collections.unmodifiableMap(new LinkedHashMap<>(connectionStrings));
	}

	/**
	 * The settings a slot ends up with when it keeps this value's non-sticky settings and takes
	 * the sticky ones of {@code stickyFrom}: how every swap phase recombines settings.
	 */
	SlotSettings withStickyOf(SlotSettings stickyFrom, SlotConfigNames names) {
		Map<String, String> settings = new LinkedHashMap<>();
		appSettings.forEach((k, v) -> {
			if (!names.stickyAppSetting(k)) {
				settings.put(k, v);
			}
		});
		stickyFrom.appSettings.forEach((k, v) -> {
			if (names.stickyAppSetting(k)) {
				settings.put(k, v);
			}
		});
		Map<String, ConnectionString> strings = new LinkedHashMap<>();
		connectionStrings.forEach((k, v) -> {
			if (!names.stickyConnectionString(k)) {
				strings.put(k, v);
			}
		});
		stickyFrom.connectionStrings.forEach((k, v) -> {
			if (names.stickyConnectionString(k)) {
				strings.put(k, v);
			}
		});
		return new SlotSettings(settings, strings);
	}

	SlotSettings withAppSettings(Map<String, String> replacement) {
		return new SlotSettings(replacement, connectionStrings);
	}

	SlotSettings withConnectionStrings(Map<String, ConnectionString> replacement) {
		return new SlotSettings(appSettings, replacement);
	}

	/** An app setting by name, ignoring case as App Service does; null when absent. */
	String appSetting(String name) {
		return appSettings.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue).findFirst().orElse(null);
	}
}
