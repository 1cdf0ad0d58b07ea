package io.slotswap.azure;

/**
 * A deployment slot as Azure describes it. {@code production} is the site itself. One read of the
 * slot's resource: its configuration (auto swap) is read apart, by
 * {@link AppServiceGateway#autoSwapSlot}, where it is wanted.
 *
 * @param name the slot name as Azure spells it ({@code production} for the site)
 * @param siteName the site name as Azure spells it
 * @param resourceGroup the resource group as Azure spells it
 * @param hostName the slot's default host name (where probes go)
 * @param state Azure's {@code properties.state}, e.g. {@code Running}
 * @param targetSwapSlot {@code properties.targetSwapSlot}: set while the slot is prepared
 *        for a swap (swap with preview, phase 1), or null
 * @param lastSwap this slot's own {@code slotSwapStatus} (for production, the site's): the last swap
 *        this slot took part in, as source or destination, without a result; null when it never
 *        swapped. Azure sets it on both slots of a swap, so to judge whether a swap of two slots
 *        happened read those two slots, not production
 */
public record SlotInfo(String name, String siteName, String resourceGroup, String hostName, String state,
		String targetSwapSlot, SlotSwapStatus lastSwap) {

	public static final String PRODUCTION = "production";

	public boolean isProduction() {
		return PRODUCTION.equalsIgnoreCase(name);
	}
}
