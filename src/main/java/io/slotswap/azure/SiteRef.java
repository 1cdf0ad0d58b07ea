package io.slotswap.azure;

import java.util.Locale;

/**
 * Identifies an App Service site. Azure names are case-insensitive: {@link #key()} is the
 * lower-cased identity used for comparisons, while the fields keep the caller's spelling.
 */
public record SiteRef(String subscriptionId, String resourceGroup, String site) {

	public String key() {
		return (subscriptionId + "/" + resourceGroup + "/" + site).toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return subscriptionId + "/" + resourceGroup + "/" + site;
	}
}
