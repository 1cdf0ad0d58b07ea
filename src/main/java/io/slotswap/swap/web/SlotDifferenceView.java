package io.slotswap.swap.web;

import java.util.Locale;

import io.slotswap.azure.SlotDifference;
import io.slotswap.azure.StickyNames;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing a swap would change, as {@code GET …/slots/{slot}/differences} shows it. Never a value.
 *
 * @param type {@code AppSetting}, {@code ConnectionString} or {@code General}
 * @param name the setting's name
 * @param sticky whether the name is a slot setting (stays with its slot); always false for General
 * @param change {@code Differs}, {@code OnlyInSource} or {@code OnlyInTarget}
 */
@Schema(description = "A difference between two slots' configuration; values are never returned")
record SlotDifferenceView(
		@Schema(allowableValues = { APP_SETTING, CONNECTION_STRING, GENERAL }) String type,
		String name,
		@Schema(description = "A slot setting (config/slotConfigNames): stays with its slot in the swap") boolean sticky,
		@Schema(allowableValues = { "Differs", "OnlyInSource", "OnlyInTarget" }) String change) {

	static final String APP_SETTING = "AppSetting";

	static final String CONNECTION_STRING = "ConnectionString";

	static final String GENERAL = "General";

	static SlotDifferenceView of(SlotDifference difference, StickyNames sticky) {
		String type = APP_SETTING.equalsIgnoreCase(difference.settingType()) ? APP_SETTING
				: CONNECTION_STRING.equalsIgnoreCase(difference.settingType()) ? CONNECTION_STRING : GENERAL;
		boolean isSticky = switch (type) {
			case APP_SETTING -> containsIgnoringCase(sticky.appSettingNames(), difference.name());
			case CONNECTION_STRING -> containsIgnoringCase(sticky.connectionStringNames(), difference.name());
			default -> false;
		};
		return new SlotDifferenceView(type, difference.name(), isSticky, difference.change());
	}

	/** Azure setting names are case-insensitive. */
	private static boolean containsIgnoringCase(java.util.Set<String> names, String name) {
		if (names == null || name == null) {
			return false;
		}
		String wanted = name.toLowerCase(Locale.ROOT);
		return names.stream().anyMatch(n -> n != null && n.toLowerCase(Locale.ROOT).equals(wanted));
	}
}
