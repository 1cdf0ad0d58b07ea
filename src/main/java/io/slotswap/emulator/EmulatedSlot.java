package io.slotswap.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One slot of an {@link EmulatedSite} ({@code production} is the site itself). Mutable; every
 * access happens under its site's lock.
 */
final class EmulatedSlot {

	static final String PRODUCTION = "production";

	private final String name;

	private Build build;

	private Instant restartedAt;

	private int restartCount;

	private SlotSettings settings;

	/** The slot's own settings while the target's sticky ones are applied (phase 1 / preview). */
	private SlotSettings ownSettings;

	/** Set by applySlotConfig (swap with preview) until the swap completes or is reset. */
	private String targetSwapSlot;

	private final Map<String, Object> siteConfig = new LinkedHashMap<>();

	private Instant lastModified;

	/** This slot's {@code properties.slotSwapStatus}: its last swap, as source or target; null before any. */
	private SwapStatus swapStatus;

	EmulatedSlot(String name, Build build, SlotSettings settings, Instant now) {
		this.name = name;
		this.build = build;
		this.settings = settings;
		this.restartedAt = now;
		this.lastModified = now;
	}

	String name() {
		return name;
	}

	boolean isProduction() {
		return PRODUCTION.equalsIgnoreCase(name);
	}

	Build build() {
		return build;
	}

	Instant restartedAt() {
		return restartedAt;
	}

	int restartCount() {
		return restartCount;
	}

	SlotSettings settings() {
		return settings;
	}

	SlotSettings ownSettings() {
		return ownSettings;
	}

	String targetSwapSlot() {
		return targetSwapSlot;
	}

	Instant lastModified() {
		return lastModified;
	}

	SwapStatus swapStatus() {
		return swapStatus;
	}

	/** A swap this slot took part in (as source or target) completed. */
	void swapped(SwapStatus status) {
		swapStatus = status;
	}

	Map<String, Object> siteConfig() {
		return Collections.unmodifiableMap(siteConfig);
	}

	/** A deployment: the new build starts, so the slot restarts. */
	void deploy(Build newBuild, Instant now) {
		build = newBuild;
		restart(now);
	}

	void restart(Instant now) {
		restartedAt = now;
		restartCount++;
		lastModified = now;
	}

	/** The atomic flip moves warmed-up instances: build and its start time travel together. */
	void receive(Build movedBuild, Instant movedRestartedAt, SlotSettings newSettings, Instant now) {
		build = movedBuild;
		restartedAt = movedRestartedAt;
		settings = newSettings;
		lastModified = now;
	}

	void replaceSettings(SlotSettings newSettings, Instant now) {
		settings = newSettings;
		lastModified = now;
	}

	/** Phase 1: keep the own settings aside and run with {@code applied} (the target's sticky values). */
	void applyTargetSettings(SlotSettings applied, Instant now) {
		if (ownSettings == null) {
			ownSettings = settings;
		}
		settings = applied;
		restart(now);
	}

	/** Undo phase 1: the slot's own settings back, restarted. */
	void revertToOwnSettings(Instant now) {
		if (ownSettings != null) {
			settings = ownSettings;
			ownSettings = null;
		}
		targetSwapSlot = null;
		restart(now);
	}

	void clearPrepared() {
		ownSettings = null;
		targetSwapSlot = null;
	}

	void prepareFor(String target) {
		targetSwapSlot = target;
	}

	/** PUT/PATCH {@code config/web}: given properties replace, null ones are left, "" clears. */
	void mergeSiteConfig(Map<String, Object> properties, Instant now) {
		properties.forEach((k, v) -> {
			if (v instanceof String s && s.isEmpty()) {
				siteConfig.remove(k);
			}
			else if (v != null) {
				siteConfig.put(k, v);
			}
		});
		lastModified = now;
	}
}
