package io.slotswap.azure;

/**
 * One difference a swap would make, from {@code slotsdiffs}. Deliberately carries no values:
 * setting values never leave the gateway.
 *
 * @param settingType {@code AppSetting}, {@code ConnectionString} or {@code General}
 * @param name the setting's name
 * @param diffRule Azure's rule, e.g. {@code SettingsWillBeModifiedInSource}
 * @param change {@code Differs}, {@code OnlyInSource} or {@code OnlyInTarget}
 */
public record SlotDifference(String settingType, String name, String diffRule, String change) {
}
