package io.slotswap.azure;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Everything slotswap asks of Azure App Service, in our own types. The only implementation uses
 * the Azure SDK; against the emulator only the endpoint and the credential differ.
 * <p>
 * Every method throws {@link AzureException} for Resource Manager errors; 429 and transient 5xx
 * have already been retried (honouring {@code Retry-After}) when one surfaces.
 */
public interface AppServiceGateway {

	/**
	 * One slot of a site ({@code production} = the site itself), with its own {@code slotSwapStatus}
	 * as {@code lastSwap}: one request.
	 * @throws AzureException {@link AzureException.Kind#NOT_FOUND} when the site or slot does not exist
	 */
	SlotInfo slot(SiteRef site, String slot);

	/** Every slot of the site, {@code production} first: two requests (the site, the list of its slots). */
	List<SlotInfo> slots(SiteRef site);

	/**
	 * The slot this one swaps into on its own after a deployment ({@code siteConfig.autoSwapSlotName}),
	 * or null: one request for the slot's configuration, which the site and slot resources do not carry.
	 */
	String autoSwapSlot(SiteRef site, String slot);

	/** A slot's app settings (name to value). Values stay inside the service. */
	Map<String, String> appSettings(SiteRef site, String slot);

	/** The site's sticky setting names. */
	StickyNames stickyNames(SiteRef site);

	/** What a swap from {@code slot} into {@code targetSlot} would change, without values. */
	List<SlotDifference> differences(SiteRef site, String slot, String targetSlot);

	/**
	 * Sends the swap ({@code slotsswap} with {@code CsmSlotEntity}) once — never re-sent by a retry
	 * policy — and returns Azure's first answer without waiting: usually
	 * {@link SwapProgress.Status#RUNNING} with the polling URL. Used for the rollback as well.
	 * @throws AzureException {@link AzureException.Kind#BUSY} while another operation runs on the site;
	 *         NOT_FOUND / THROTTLED / REFUSED for the other 4xx answers (Azure did not take the swap);
	 *         {@link AzureException.Kind#UNAVAILABLE} when the connection could not be opened (nothing
	 *         was sent); {@link AzureException.Kind#AMBIGUOUS} when Azure may have taken the swap but
	 *         its answer was lost (5xx, time-out, dropped connection): reconcile before sending again
	 */
	default SwapProgress startSwap(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet) {
		return startSwap(site, sourceSlot, targetSlot, preserveVnet, () -> {
		});
	}

	/**
	 * As {@link #startSwap(SiteRef, String, String, boolean)}, asking {@code beforeSend} right before the
	 * request goes on the wire (after credentials were obtained, the last thing before the socket).
	 * When it throws, nothing is sent and its exception is thrown as it is.
	 */
	SwapProgress startSwap(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet,
			Runnable beforeSend);

	/**
	 * One poll of a swap's polling URL (the {@code Location} Azure gave).
	 * {@link SwapProgress.Status#FAILED} only when Azure says the swap failed (see
	 * {@code SwapLongRunningOperation}); anything else that is not RUNNING or SUCCEEDED is thrown.
	 * @throws AzureException {@link AzureException.Kind#NOT_FOUND} when Azure no longer knows the operation;
	 *         THROTTLED / UNAVAILABLE / REFUSED when this poll gave no word on the swap
	 */
	SwapProgress pollSwap(String pollUrl);

	/** Swap with preview, phase 1: the target's sticky settings applied to the source. */
	void applySlotConfig(SiteRef site, String sourceSlot, String targetSlot, boolean preserveVnet);

	/** Cancels a swap with preview: the source gets its own settings back. */
	void resetSlotConfig(SiteRef site, String sourceSlot);

	/** Where a probe of {@code path} on a slot's host name goes. */
	URI probeUri(String hostName, String path);

	/** Whether Resource Manager answers at all (for health). */
	boolean reachable();
}
