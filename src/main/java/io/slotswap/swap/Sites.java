package io.slotswap.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.AzureProperties;
import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotDifference;
import io.slotswap.azure.SlotInfo;
import io.slotswap.azure.SlotSwapStatus;
import io.slotswap.azure.StickyNames;
import org.springframework.stereotype.Service;

/**
 * What a portal shows before a swap, read from Azure: a site's slots and what a swap of two of them
 * would change. Read-only; setting values never leave the service. Callers pass names they have
 * validated; a null subscription id means the configured default.
 * <p>
 * Errors: the site or a slot does not exist → {@link SwapExceptions.SiteOrSlotNotFound}
 * ({@code SiteNotFound} / {@code SlotNotFound}); Azure cannot be reached or refuses the lookup →
 * {@link SwapExceptions.AzureUnavailable} with a {@code Retry-After}.
 */
@Service
public class Sites {

	/** The slot that is the site itself. */
	public static final String PRODUCTION = SlotInfo.PRODUCTION;

	private static final Duration AZURE_RETRY_AFTER = Duration.ofSeconds(5);

	private final AppServiceGateway gateway;

	private final AzureProperties azure;

	Sites(AppServiceGateway gateway, AzureProperties azure) {
		this.gateway = gateway;
		this.azure = azure;
	}

	/**
	 * A slot of a site.
	 *
	 * @param name the slot name as Azure spells it ({@code production} for the site itself)
	 * @param hostName the slot's default host name
	 * @param state Azure's {@code properties.state}, e.g. {@code Running}
	 * @param autoSwapSlot the slot this one auto-swaps into, or null
	 * @param lastSwap the site's last swap (production's {@code slotSwapStatus}) when it involved this
	 *        slot as source or target, else null
	 */
	public record Slot(String name, String hostName, String state, String autoSwapSlot, LastSwap lastSwap) {
	}

	/** Azure's {@code slotSwapStatus}: the last swap only, without a result. */
	public record LastSwap(Instant at, String sourceSlot, String targetSlot) {

		boolean involves(String slot) {
			return slot != null && (slot.equalsIgnoreCase(sourceSlot) || slot.equalsIgnoreCase(targetSlot));
		}
	}

	/**
	 * One thing a swap would change. Never a value.
	 *
	 * @param type {@link #APP_SETTING}, {@link #CONNECTION_STRING} or {@link #GENERAL}
	 * @param name the setting's name
	 * @param sticky whether the name is a slot setting (stays with its slot); always false for General
	 * @param change {@code Differs}, {@code OnlyInSource} or {@code OnlyInTarget}
	 */
	public record Difference(String type, String name, boolean sticky, String change) {

		public static final String APP_SETTING = "AppSetting";

		public static final String CONNECTION_STRING = "ConnectionString";

		public static final String GENERAL = "General";
	}

	/** Every slot of the site, production first, each with its auto swap (one more request per slot). */
	public List<Slot> slots(String subscriptionId, String resourceGroup, String site) {
		SiteRef ref = siteRef(subscriptionId, resourceGroup, site);
		List<SlotInfo> slots = azure(() -> gateway.slots(ref), ref, null);
		Map<String, String> autoSwap = new HashMap<>();
		for (SlotInfo slot : slots) {
			String into = azure(() -> gateway.autoSwapSlot(ref, slot.name()), ref,
					slot.isProduction() ? null : List.of(slot.name()));
			if (into != null) {
				autoSwap.put(slot.name(), into);
			}
		}
		LastSwap siteLastSwap = slots.stream()
			.filter(SlotInfo::isProduction)
			.map(SlotInfo::lastSwap)
			.filter(status -> status != null)
			.findFirst()
			.map(Sites::lastSwap)
			.orElse(null);
		return slots.stream()
			.sorted(Comparator.comparing((SlotInfo slot) -> !slot.isProduction()))
			.map(slot -> new Slot(slot.name(), slot.hostName(), slot.state(), autoSwap.get(slot.name()),
					siteLastSwap != null && siteLastSwap.involves(slot.name()) ? siteLastSwap : null))
			.toList();
	}

	/**
	 * What a swap of {@code slot} into {@code target} would change (Azure's {@code slotsdiffs}), by
	 * name only, ordered by type (AppSetting, ConnectionString, General), then name.
	 */
	public List<Difference> differences(String subscriptionId, String resourceGroup, String site, String slot,
			String target) {
		SiteRef ref = siteRef(subscriptionId, resourceGroup, site);
		List<SlotDifference> differences = azure(() -> gateway.differences(ref, slot, target), ref,
				List.of(slot, target));
		if (differences.isEmpty()) {
			return List.of();
		}
		StickyNames sticky = azure(() -> gateway.stickyNames(ref), ref, null);
		return differences.stream()
			.map(difference -> difference(difference, sticky))
			.sorted(Comparator.comparingInt((Difference d) -> typeOrder(d.type()))
				.thenComparing(d -> d.name() == null ? "" : d.name(), String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	// ------------------------------------------------------------------ helpers

	private SiteRef siteRef(String subscriptionId, String resourceGroup, String site) {
		return new SiteRef(subscriptionId != null ? subscriptionId : azure.defaultSubscriptionId(), resourceGroup, site);
	}

	private static LastSwap lastSwap(SlotSwapStatus status) {
		return new LastSwap(status.timestampUtc(), status.sourceSlotName(), status.destinationSlotName());
	}

	static Difference difference(SlotDifference difference, StickyNames sticky) {
		String type = Difference.APP_SETTING.equalsIgnoreCase(difference.settingType()) ? Difference.APP_SETTING
				: Difference.CONNECTION_STRING.equalsIgnoreCase(difference.settingType()) ? Difference.CONNECTION_STRING
						: Difference.GENERAL;
		boolean isSticky = switch (type) {
			case Difference.APP_SETTING -> containsIgnoringCase(sticky.appSettingNames(), difference.name());
			case Difference.CONNECTION_STRING -> containsIgnoringCase(sticky.connectionStringNames(), difference.name());
			default -> false;
		};
		return new Difference(type, difference.name(), isSticky, difference.change());
	}

	/** Azure setting names are case-insensitive. */
	private static boolean containsIgnoringCase(Set<String> names, String name) {
		if (names == null || name == null) {
			return false;
		}
		String wanted = name.toLowerCase(Locale.ROOT);
		return names.stream().anyMatch(n -> n != null && n.toLowerCase(Locale.ROOT).equals(wanted));
	}

	private static int typeOrder(String type) {
		return switch (type) {
			case Difference.APP_SETTING -> 0;
			case Difference.CONNECTION_STRING -> 1;
			default -> 2;
		};
	}

	/**
	 * One read from Azure in our refusals: 404 as SiteNotFound or SlotNotFound (telling them apart
	 * by asking for production), anything else as 503.
	 * @param slots the slots the call named besides production, or null when it named the site only
	 */
	private <T> T azure(Supplier<T> call, SiteRef site, List<String> slots) {
		try {
			return call.get();
		}
		catch (AzureException e) {
			if (e.kind() != AzureException.Kind.NOT_FOUND) {
				throw unavailable(e);
			}
			if (slots == null || !siteExists(site)) {
				throw siteNotFound(site);
			}
			String missing = slots.stream()
				.filter(slot -> !PRODUCTION.equalsIgnoreCase(slot) && !slotExists(site, slot))
				.findFirst()
				.orElse(null);
			if (missing == null) {
				// Both exist now: one of them vanished and came back between the calls; say which were asked for.
				throw new SwapExceptions.SiteOrSlotNotFound(SwapError.SLOT_NOT_FOUND, "Slot '"
						+ String.join("' or '", slots) + "' does not exist on site " + site.resourceGroup() + "/"
						+ site.site());
			}
			throw new SwapExceptions.SiteOrSlotNotFound(SwapError.SLOT_NOT_FOUND,
					"Slot '" + missing + "' does not exist on site " + site.resourceGroup() + "/" + site.site());
		}
	}

	private boolean siteExists(SiteRef site) {
		return slotExists(site, PRODUCTION);
	}

	private boolean slotExists(SiteRef site, String slot) {
		try {
			gateway.slot(site, slot);
			return true;
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return false;
			}
			throw unavailable(e);
		}
	}

	private static SwapExceptions.SiteOrSlotNotFound siteNotFound(SiteRef site) {
		return new SwapExceptions.SiteOrSlotNotFound(SwapError.SITE_NOT_FOUND, "Site " + site.resourceGroup() + "/"
				+ site.site() + " does not exist in subscription " + site.subscriptionId());
	}

	private static SwapExceptions.AzureUnavailable unavailable(AzureException e) {
		if (e.isTransient()) {
			return new SwapExceptions.AzureUnavailable("Azure Resource Manager cannot be reached now. Try again later.",
					e.retryAfter() != null ? e.retryAfter() : AZURE_RETRY_AFTER);
		}
		return new SwapExceptions.AzureUnavailable("Azure Resource Manager refused the lookup (" + e.code() + ").",
				AZURE_RETRY_AFTER);
	}
}
