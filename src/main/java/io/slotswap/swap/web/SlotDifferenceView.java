package io.slotswap.swap.web;

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
}
