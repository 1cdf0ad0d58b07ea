package io.slotswap.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One App Service site with its slots, sticky names and swaps (each slot keeps its own last
 * swap). All state is guarded by {@link #locked(Supplier)}: request threads and swap workers go
 * through it, so a reader sees either everything before the flip of a swap or everything after it.
 */
final class EmulatedSite {

	private final ReentrantLock lock = new ReentrantLock();

	private final String resourceGroup;

	private final String name;

	private final String location;

	private final Map<String, EmulatedSlot> slots = new LinkedHashMap<>();

	private SlotConfigNames slotConfigNames = SlotConfigNames.NONE;

	private SwapOperation activeOperation;

	private final List<CompletedSwap> completedSwaps = new ArrayList<>();

	private final List<SwapOperation> operations = new ArrayList<>();

	EmulatedSite(String resourceGroup, String name, String location) {
		this.resourceGroup = resourceGroup;
		this.name = name;
		this.location = location;
	}

	static String key(String resourceGroup, String site) {
		return resourceGroup.toLowerCase(Locale.ROOT) + "/" + site.toLowerCase(Locale.ROOT);
	}

	String key() {
		return key(resourceGroup, name);
	}

	<T> T locked(Supplier<T> action) {
		lock.lock();
		try {
			return action.get();
		}
		finally {
			lock.unlock();
		}
	}

	void locked(Runnable action) {
		locked(() -> {
			action.run();
			return null;
		});
	}

	String resourceGroup() {
		return resourceGroup;
	}

	String name() {
		return name;
	}

	String location() {
		return location;
	}

	void addSlot(EmulatedSlot slot) {
		slots.put(slot.name().toLowerCase(Locale.ROOT), slot);
	}

	Collection<EmulatedSlot> slots() {
		return Collections.unmodifiableCollection(slots.values());
	}

	EmulatedSlot production() {
		return slots.get(EmulatedSlot.PRODUCTION);
	}

	Optional<EmulatedSlot> slot(String slotName) {
		return Optional.ofNullable(slots.get(slotName.toLowerCase(Locale.ROOT)));
	}

	EmulatedSlot requireSlot(String slotName) {
		return slot(slotName).orElseThrow(() -> ArmErrors.slotNotFound(resourceGroup, name, slotName).exception());
	}

	SlotConfigNames slotConfigNames() {
		return slotConfigNames;
	}

	void slotConfigNames(SlotConfigNames names) {
		slotConfigNames = names;
	}

	/** Production's {@code slotSwapStatus}: the last swap that involved production (the site resource itself). */
	SwapStatus swapStatus() {
		return production().swapStatus();
	}

	SwapOperation activeOperation() {
		return activeOperation;
	}

	List<CompletedSwap> completedSwaps() {
		return List.copyOf(completedSwaps);
	}

	List<SwapOperation> operations() {
		return List.copyOf(operations);
	}

	void start(SwapOperation operation) {
		activeOperation = operation;
		operations.add(operation);
	}

	void finish(SwapOperation operation) {
		if (activeOperation == operation) {
			activeOperation = null;
		}
	}

	/** A swap completed: both slots that swapped carry its status (as in Azure); production's only if it was one. */
	void recordSwap(EmulatedSlot source, EmulatedSlot target, SwapStatus status, CompletedSwap swap) {
		source.swapped(status);
		target.swapped(status);
		completedSwaps.add(swap);
	}

	/** The slot prepared by a swap with preview, if any. */
	Optional<EmulatedSlot> preparedSlot() {
		return slots.values().stream().filter(s -> s.targetSwapSlot() != null).findFirst();
	}

	/** 409 while a swap runs on this site. */
	void ensureNotBusy() {
		if (activeOperation != null) {
			throw ArmErrors.busy(activeOperation, name, resourceGroup).exception();
		}
	}

	/** 409 while a swap runs or a swap with preview is prepared: what config writes must pass. */
	void ensureWritable() {
		ensureNotBusy();
		preparedSlot().ifPresent(p -> {
			throw ArmErrors.prepared(name, p.name(), p.targetSwapSlot()).exception();
		});
	}

	Instant lastModified() {
		return slots.values().stream().map(EmulatedSlot::lastModified).max(Instant::compareTo).orElse(Instant.EPOCH);
	}
}
