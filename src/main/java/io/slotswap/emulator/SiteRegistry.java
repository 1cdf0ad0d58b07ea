package io.slotswap.emulator;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated sites, keyed case-insensitively by resource group and site name (any
 * subscription id is served), and the host-name routing of their slots.
 */
final class SiteRegistry {

	private final Map<String, EmulatedSite> sites = new ConcurrentHashMap<>();

	private final String hostNameSuffix;

	SiteRegistry(String hostNameSuffix) {
		this.hostNameSuffix = hostNameSuffix;
	}

	Optional<EmulatedSite> find(String resourceGroup, String site) {
		return Optional.ofNullable(sites.get(EmulatedSite.key(resourceGroup, site)));
	}

	/** The site, or the ARM 404 ({@code ResourceGroupNotFound} / {@code ResourceNotFound}). */
	EmulatedSite require(String resourceGroup, String site) {
		return find(resourceGroup, site).orElseThrow(() -> {
			boolean groupExists = sites.values().stream()
					.anyMatch(s -> s.resourceGroup().equalsIgnoreCase(resourceGroup));
			return (groupExists ? ArmErrors.siteNotFound(resourceGroup, site)
					: ArmErrors.resourceGroupNotFound(resourceGroup)).exception();
		});
	}

	/** Stores the site; returns the one it replaced, if any. */
	Optional<EmulatedSite> put(EmulatedSite site) {
		return Optional.ofNullable(sites.put(site.key(), site));
	}

	boolean remove(String resourceGroup, String site) {
		return sites.remove(EmulatedSite.key(resourceGroup, site)) != null;
	}

	void clear() {
		sites.clear();
	}

	Collection<EmulatedSite> all() {
		return List.copyOf(sites.values());
	}

	/** {@code {site}.{suffix}} for production, {@code {site}-{slot}.{suffix}} for the others. */
	String hostName(EmulatedSite site, EmulatedSlot slot) {
		String prefix = slot.isProduction() ? site.name() : site.name() + "-" + slot.name();
		return (prefix + "." + hostNameSuffix).toLowerCase(Locale.ROOT);
	}

	String scmHostName(EmulatedSite site, EmulatedSlot slot) {
		String prefix = slot.isProduction() ? site.name() : site.name() + "-" + slot.name();
		return (prefix + ".scm." + hostNameSuffix).toLowerCase(Locale.ROOT);
	}

	/** The site and slot behind a host name (case-insensitive). */
	Optional<Route> route(String hostName) {
		String wanted = hostName.toLowerCase(Locale.ROOT);
		for (EmulatedSite site : sites.values()) {
			Optional<Route> found = site.locked(() -> site.slots().stream()
					.filter(slot -> hostName(site, slot).equals(wanted)).findFirst().map(slot -> new Route(site, slot)));
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	record Route(EmulatedSite site, EmulatedSlot slot) {
	}
}
