package io.slotswap.swap;

import io.slotswap.azure.SiteRef;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The site and the two slots an operation swaps, spelled as Azure returns them, and the slots'
 * host names as Azure reported them when the operation was validated (where probes go).
 */
@Embeddable
class OperationSite {

	@Column(name = "subscription_id", nullable = false)
	private String subscriptionId;

	@Column(name = "resource_group", nullable = false)
	private String resourceGroup;

	@Column(nullable = false)
	private String site;

	@Column(name = "source_slot", nullable = false)
	private String sourceSlot;

	@Column(name = "target_slot", nullable = false)
	private String targetSlot;

	// lower-cased copies the database generates, so that filters are served by indexes
	@Column(name = "subscription_key", insertable = false, updatable = false)
	private String subscriptionKey;

	@Column(name = "resource_group_key", insertable = false, updatable = false)
	private String resourceGroupKey;

	@Column(name = "site_key", insertable = false, updatable = false)
	private String siteKey;

	@Column(name = "source_host_name")
	private String sourceHostName;

	@Column(name = "target_host_name")
	private String targetHostName;

	protected OperationSite() {
	}

	OperationSite(SiteRef site, String sourceSlot, String targetSlot) {
		this.subscriptionId = site.subscriptionId();
		this.resourceGroup = site.resourceGroup();
		this.site = site.site();
		this.sourceSlot = sourceSlot;
		this.targetSlot = targetSlot;
	}

	SiteRef ref() {
		return new SiteRef(subscriptionId, resourceGroup, site);
	}

	void hostNames(String source, String target) {
		sourceHostName = source;
		targetHostName = target;
	}

	String subscriptionId() {
		return subscriptionId;
	}

	String resourceGroup() {
		return resourceGroup;
	}

	String site() {
		return site;
	}

	String sourceSlot() {
		return sourceSlot;
	}

	String targetSlot() {
		return targetSlot;
	}

	String sourceHostName() {
		return sourceHostName;
	}

	String targetHostName() {
		return targetHostName;
	}

	/** Whether {@code a} and {@code b} are this operation's two slots, in either order. */
	boolean isPair(String a, String b) {
		return (sourceSlot.equalsIgnoreCase(a) && targetSlot.equalsIgnoreCase(b))
				|| (sourceSlot.equalsIgnoreCase(b) && targetSlot.equalsIgnoreCase(a));
	}
}
