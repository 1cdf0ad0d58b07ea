package io.slotswap.azure;

/**
 * A deployment slot as Azure describes it. {@code production} is the site itself.
 *
 * @param name the slot name as Azure spells it ({@code production} for the site)
 * @param siteName the site name as Azure spells it
 * @param resourceGroup the resource group as Azure spells it
 * @param hostName the slot's default host name (where probes go)
 * @param state Azure's {@code properties.state}, e.g. {@code Running}
 * @param autoSwapSlotName {@code siteConfig.autoSwapSlotName}, or null
 * @param targetSwapSlot {@code properties.targetSwapSlot}: set while the slot is prepared
 *        for a swap (swap with preview, phase 1), or null
 * @param lastSwap the site's {@code slotSwapStatus} (only on production), or null
 */
public record SlotInfo(String name, String siteName, String resourceGroup, String hostName, String state,
		String autoSwapSlotName, String targetSwapSlot, SlotSwapStatus lastSwap) {

	public static final String PRODUCTION = "production";

	public boolean isProduction() {
		return PRODUCTION.equalsIgnoreCase(name);
	}
}
