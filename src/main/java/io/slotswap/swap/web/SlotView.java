package io.slotswap.swap.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A slot of a site as {@code GET /api/v1/sites/{resourceGroup}/{site}/slots} shows it.
 *
 * @param name the slot name as Azure spells it ({@code production} for the site itself)
 * @param hostName the slot's default host name
 * @param state Azure's {@code properties.state}, e.g. {@code Running}
 * @param autoSwapSlot the slot this one auto-swaps into, or null
 * @param lastSwap the site's last swap when it involved this slot (as source or target), else null
 */
@Schema(description = "A deployment slot; production is the site itself")
record SlotView(String name, String hostName, String state, String autoSwapSlot,
		@Schema(nullable = true,
				description = "The site's last swap (Azure's slotSwapStatus) when this slot was its source or target; "
						+ "null on other slots and when the site was never swapped") LastSwap lastSwap) {

	/** Azure's {@code slotSwapStatus}: the last swap only, without a result. */
	@Schema(description = "The site's last swap; Azure keeps no result, only when and which slots")
	record LastSwap(Instant at, String sourceSlot, String targetSlot) {

	}
}
