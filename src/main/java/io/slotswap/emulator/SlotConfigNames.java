package io.slotswap.emulator;

import java.util.List;

/** The site-level sticky names ({@code config/slotConfigNames}): they stay with their slot. */
record SlotConfigNames(List<String> appSettingNames, List<String> connectionStringNames,
		List<String> azureStorageConfigNames) {

	static final SlotConfigNames NONE = new SlotConfigNames(List.of(), List.of(), List.of());

	SlotConfigNames {
		appSettingNames = List.copyOf(appSettingNames);
		connectionStringNames = List.copyOf(connectionStringNames);
		azureStorageConfigNames = List.copyOf(azureStorageConfigNames);
	}

	boolean stickyAppSetting(String name) {
		return containsIgnoreCase(appSettingNames, name);
	}

	boolean stickyConnectionString(String name) {
		return containsIgnoreCase(connectionStringNames, name);
	}

	private static boolean containsIgnoreCase(List<String> names, String name) {
		return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
	}
}
