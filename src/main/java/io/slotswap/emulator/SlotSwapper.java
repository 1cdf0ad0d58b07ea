package io.slotswap.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure's swap, phase by phase ({@code azure/SLOTS.md}), on the in-memory model:
 * <ol>
 * <li>the target's sticky settings are applied to the source, which restarts (skipped when a
 * swap with preview prepared exactly this pair);</li>
 * <li>warm-up: the source is pinged the way its slot site answers; any status is warm unless
 * {@code WEBSITE_SWAP_WARMUP_PING_STATUSES} is set ({@code WEBSITE_SWAP_WARMUP_PING_PATH} names the
 * path); failing that, the source gets its own settings back and the swap fails with 417;</li>
 * <li>the flip: builds and non-sticky settings trade places in one step under the site's lock,
 * {@code slotSwapStatus} is set on both slots;</li>
 * <li>the source, now holding the old target's build with its own sticky settings, restarts.</li>
 * </ol>
 * Swaps run on their own executor; the site answers 409 to every write meanwhile. Also swap with
 * preview: {@link #applySlotConfig} and {@link #resetSlotConfig}.
 */
final class SlotSwapper {

	static final String WARMUP_PING_STATUSES = "WEBSITE_SWAP_WARMUP_PING_STATUSES";

	static final String WARMUP_PING_PATH = "WEBSITE_SWAP_WARMUP_PING_PATH";

	private static final Logger log = LoggerFactory.getLogger(SlotSwapper.class);

	private final SiteRegistry registry;

	private final Faults faults;

	private final Clock clock;

	private final Executor executor;

	private final Duration warmupBudget;

	private final Duration warmupPingInterval;

	private final Map<String, SwapOperation> operations = new ConcurrentHashMap<>();

	SlotSwapper(SiteRegistry registry, Faults faults, Clock clock, Executor executor, Duration warmupBudget,
			Duration warmupPingInterval) {
		this.registry = registry;
		this.faults = faults;
		this.clock = clock;
		this.executor = executor;
		this.warmupBudget = warmupBudget;
		this.warmupPingInterval = warmupPingInterval;
	}

	/** Stops the swap workers (their executor, when it is an {@link ExecutorService}). */
	void close() {
		if (executor instanceof ExecutorService service) {
			service.shutdownNow();
		}
	}

	Optional<SwapOperation> operation(String id) {
		return Optional.ofNullable(operations.get(id.toLowerCase(java.util.Locale.ROOT)));
	}

	/**
	 * Starts swapping {@code sourceName} into {@code targetName}; returns the running operation.
	 * @throws ArmException 404 unknown slot, 400 same slot, 409 busy or prepared for another pair
	 */
	SwapOperation beginSwap(EmulatedSite site, String subscriptionId, String sourceName, String targetName) {
		SwapOperation operation = site.locked(() -> {
			EmulatedSlot source = site.requireSlot(sourceName);
			EmulatedSlot target = site.requireSlot(targetName);
			requireDifferent(source, target);
			site.ensureNotBusy();
			site.preparedSlot().ifPresent(prepared -> {
				if (prepared != source || !prepared.targetSwapSlot().equalsIgnoreCase(target.name())) {
					throw ArmErrors.prepared(site.name(), prepared.name(), prepared.targetSwapSlot()).exception();
				}
			});
			SwapOperation started = new SwapOperation(UUID.randomUUID().toString(), subscriptionId,
					site.resourceGroup(), site.name(), source.name(), target.name(), site.location(), clock.instant());
			site.start(started);
			return started;
		});
		operations.put(operation.id(), operation);
		boolean failTransiently = faults.takeSwapFailure();
		long durationMillis = Math.max(0, faults.current().swapDurationMillis());
		try {
			executor.execute(() -> run(site, operation, failTransiently, durationMillis));
		}
		catch (RuntimeException rejected) {
			finishFailed(site, operation, null, ArmErrors.internal(operation.id()));
			throw ArmErrors.internal(operation.id()).exception();
		}
		return operation;
	}

	/** Swap with preview, phase 1 (synchronous). Repeating it for the same pair is a no-op. */
	void applySlotConfig(EmulatedSite site, String sourceName, String targetName) {
		site.locked(() -> {
			EmulatedSlot source = site.requireSlot(sourceName);
			EmulatedSlot target = site.requireSlot(targetName);
			requireDifferent(source, target);
			site.ensureNotBusy();
			Optional<EmulatedSlot> prepared = site.preparedSlot();
			if (prepared.isPresent()) {
				EmulatedSlot p = prepared.get();
				if (p == source && p.targetSwapSlot().equalsIgnoreCase(target.name())) {
					return;
				}
				throw ArmErrors.prepared(site.name(), p.name(), p.targetSwapSlot()).exception();
			}
			source.applyTargetSettings(source.settings().withStickyOf(target.settings(), site.slotConfigNames()),
					clock.instant());
			source.prepareFor(target.name());
		});
	}

	/** Cancels a swap with preview: the slot's own settings back, restarted. No-op when not prepared. */
	void resetSlotConfig(EmulatedSite site, String slotName) {
		site.locked(() -> {
			EmulatedSlot slot = site.requireSlot(slotName);
			site.ensureNotBusy();
			if (slot.targetSwapSlot() != null || slot.ownSettings() != null) {
				slot.revertToOwnSettings(clock.instant());
			}
		});
	}

	private static void requireDifferent(EmulatedSlot source, EmulatedSlot target) {
		if (source == target) {
			throw ArmErrors.badRequest("Cannot swap slot '" + source.name() + "' with itself.").exception();
		}
	}

	private void run(EmulatedSite site, SwapOperation operation, boolean failTransiently, long durationMillis) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis);
		EmulatedSlot source = site.locked(() -> site.requireSlot(operation.sourceSlot()));
		EmulatedSlot target = site.locked(() -> site.requireSlot(operation.targetSlot()));
		boolean appliedHere = false;
		try {
			appliedHere = applyTargetStickySettings(site, source, target);
			sleepNanos(TimeUnit.MILLISECONDS.toNanos(durationMillis / 4));
			if (failTransiently) {
				sleepUntil(deadline);
				finishFailed(site, operation, appliedHere ? source : null,
						ArmErrors.allocationChanged(site.name(), source.name(), target.name()));
				return;
			}
			Optional<ArmError> warmupFailure = warmUp(site, source);
			if (warmupFailure.isPresent()) {
				finishFailed(site, operation, appliedHere ? source : null, warmupFailure.get());
				return;
			}
			sleepUntil(deadline);
			flip(site, operation, source, target);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			finishFailed(site, operation, appliedHere ? source : null, ArmErrors.internal(operation.id()));
		}
		catch (RuntimeException unexpected) {
			log.error("Emulated swap {} failed unexpectedly", operation.id(), unexpected);
			finishFailed(site, operation, appliedHere ? source : null, ArmErrors.internal(operation.id()));
		}
	}

	/** Phase 1; false when a swap with preview already did it for this pair. */
	private boolean applyTargetStickySettings(EmulatedSite site, EmulatedSlot source, EmulatedSlot target) {
		return site.locked(() -> {
			if (source.targetSwapSlot() != null) {
				return false;
			}
			source.applyTargetSettings(source.settings().withStickyOf(target.settings(), site.slotConfigNames()),
					clock.instant());
			return true;
		});
	}

	/** Phases 2-4: ping the source until warm, within the budget; the 417 otherwise. */
	private Optional<ArmError> warmUp(EmulatedSite site, EmulatedSlot source) throws InterruptedException {
		SlotSettings settings = site.locked(source::settings);
		String path = Optional.ofNullable(settings.appSetting(WARMUP_PING_PATH)).filter(p -> !p.isBlank())
				.orElse("/");
		String statusesSetting = Optional.ofNullable(settings.appSetting(WARMUP_PING_STATUSES)).orElse("");
		Set<Integer> expected = parseStatuses(statusesSetting);
		String hostName = site.locked(() -> registry.hostName(site, source));
		long budgetEnd = System.nanoTime() + warmupBudget.toNanos();
		int attempts = 0;
		while (true) {
			attempts++;
			int status = site.locked(() -> SlotSiteAnswer.of(site, source, hostName, clock.instant()).status());
			log.debug("Warm-up ping {} of {}{} answered {}", attempts, hostName, path, status);
			if (expected.isEmpty() || expected.contains(status)) {
				return Optional.empty();
			}
			if (System.nanoTime() + warmupPingInterval.toNanos() > budgetEnd) {
				return Optional.of(ArmErrors.warmupFailed(site.name(), source.name(), path, statusesSetting.trim(),
						status, attempts));
			}
			sleepNanos(warmupPingInterval.toNanos());
		}
	}

	static Set<Integer> parseStatuses(String setting) {
		return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> s.matches("\\d{3}"))
				.map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
	}

	/** Phases 5 and 6 in one step under the site's lock: nobody sees a half-swapped site. */
	private void flip(EmulatedSite site, SwapOperation operation, EmulatedSlot source, EmulatedSlot target) {
		site.locked(() -> {
			var now = clock.instant();
			SlotConfigNames names = site.slotConfigNames();
			SlotSettings sourceOwn = source.ownSettings() != null ? source.ownSettings() : source.settings();
			SlotSettings sourceNow = source.settings();
			SlotSettings targetNow = target.settings();
			Build sourceBuild = source.build();
			Build targetBuild = target.build();
			var sourceRestartedAt = source.restartedAt();
			var targetRestartedAt = target.restartedAt();
			target.receive(sourceBuild, sourceRestartedAt, sourceNow.withStickyOf(targetNow, names), now);
			source.receive(targetBuild, targetRestartedAt, targetNow.withStickyOf(sourceOwn, names), now);
			source.clearPrepared();
			source.restart(now);
			site.recordSwap(source, target, new SwapStatus(now, source.name(), target.name()),
					new CompletedSwap(operation.id(), source.name(), target.name(), sourceBuild.version(),
							targetBuild.version(), operation.requestedAt(), now));
			site.finish(operation);
			operation.succeed(now);
		});
	}

	/** Ends the operation with {@code error}; {@code revert} (if any) gets its own settings back. */
	private void finishFailed(EmulatedSite site, SwapOperation operation, EmulatedSlot revert, ArmError error) {
		site.locked(() -> {
			if (revert != null) {
				revert.revertToOwnSettings(clock.instant());
			}
			site.finish(operation);
			operation.fail(error, clock.instant());
		});
	}

	private static void sleepUntil(long deadlineNanos) throws InterruptedException {
		sleepNanos(deadlineNanos - System.nanoTime());
	}

	private static void sleepNanos(long nanos) throws InterruptedException {
		if (nanos > 0) {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
	}
}
