package io.slotswap.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Azure's swap algorithm on the in-memory model, phase by phase (see {@link SlotSwapper}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SlotSwapperTest {

	static final String SUB = "00000000-0000-0000-0000-000000000000";

	final Clock clock = Clock.systemUTC();

	final ExecutorService executor = Executors.newCachedThreadPool();

	final SiteRegistry registry = new SiteRegistry("emulator.local");

	final Faults faults = new Faults(FaultSettings.defaults(100));

	SlotSwapper swapper = new SlotSwapper(registry, faults, clock, executor, Duration.ofSeconds(2),
			Duration.ofMillis(20));

	EmulatedSite site;

	@BeforeEach
	void seedTheDemoSite() {
		site = DemoSite.create("West Europe", clock.instant());
		registry.put(site);
	}

	@AfterEach
	void stopWorkers() {
		executor.shutdownNow();
	}

	@Test
	void sticky_settings_stay_with_their_slot_while_the_rest_moves() {
		SwapOperation operation = swapAndWait("staging", "production");

		assertThat(operation.status()).isEqualTo(SwapOperation.Status.SUCCEEDED);
		EmulatedSlot production = slot("production");
		EmulatedSlot staging = slot("staging");
		assertThat(production.build().version()).isEqualTo("1.1.0");
		assertThat(staging.build().version()).isEqualTo("1.0.0");
		assertThat(production.settings().appSettings()).containsEntry("ENVIRONMENT", "production")
				.containsEntry("GREETING", "Hello from 1.1.0").containsEntry("FEATURE_BANNER", "true");
		assertThat(staging.settings().appSettings()).containsEntry("ENVIRONMENT", "staging")
				.containsEntry("GREETING", "Hello from 1.0.0").containsEntry("FEATURE_BANNER", "false");
		assertThat(production.settings().connectionStrings().get("Database").value()).contains("production");
		assertThat(staging.settings().connectionStrings().get("Database").value()).contains("staging");
		SwapStatus status = site.locked(site::swapStatus);
		assertThat(status.sourceSlotName()).isEqualTo("staging");
		assertThat(status.destinationSlotName()).isEqualTo("production");
		assertThat(site.locked(site::completedSwaps)).hasSize(1);
		assertThat(site.locked(site::activeOperation)).isNull();
	}

	@Test
	void both_slots_of_a_swap_carry_the_same_slot_swap_status() {
		swapAndWait("staging", "production");

		SwapStatus production = slot("production").swapStatus();
		SwapStatus staging = slot("staging").swapStatus();
		assertThat(production).isNotNull().isEqualTo(staging);
		assertThat(production.sourceSlotName()).isEqualTo("staging");
		assertThat(production.destinationSlotName()).isEqualTo("production");
		assertThat(site.locked(site::swapStatus)).as("the site's own is production's").isEqualTo(production);
	}

	@Test
	void a_slot_to_slot_swap_sets_the_status_of_those_two_slots_and_leaves_production_alone() {
		site.locked(() -> site.addSlot(new EmulatedSlot("qa", Build.of("0.9.0"), SlotSettings.EMPTY, clock.instant())));
		swapAndWait("staging", "production");
		SwapStatus productionBefore = slot("production").swapStatus();

		swapAndWait("qa", "staging");

		assertThat(slot("production").swapStatus()).isEqualTo(productionBefore);
		assertThat(site.locked(site::swapStatus)).isEqualTo(productionBefore);
		SwapStatus qa = slot("qa").swapStatus();
		assertThat(qa).isEqualTo(slot("staging").swapStatus());
		assertThat(qa.sourceSlotName()).isEqualTo("qa");
		assertThat(qa.destinationSlotName()).isEqualTo("staging");
		assertThat(qa.timestampUtc()).isAfter(productionBefore.timestampUtc());
		assertThat(slot("staging").build().version()).isEqualTo("0.9.0");
	}

	@Test
	void a_failed_swap_sets_no_slot_swap_status() {
		faults.update(FaultSettings.defaults(50).withFailNextSwaps(1));

		swapAndWait("staging", "production");

		assertThat(slot("production").swapStatus()).isNull();
		assertThat(slot("staging").swapStatus()).isNull();
	}

	@Test
	void swapping_back_restores_the_original_builds_and_settings() {
		Map<String, String> productionBefore = slot("production").settings().appSettings();
		Map<String, String> stagingBefore = slot("staging").settings().appSettings();

		swapAndWait("staging", "production");
		swapAndWait("staging", "production");

		assertThat(slot("production").build().version()).isEqualTo("1.0.0");
		assertThat(slot("production").settings().appSettings()).isEqualTo(productionBefore);
		assertThat(slot("staging").settings().appSettings()).isEqualTo(stagingBefore);
		assertThat(site.locked(site::completedSwaps)).hasSize(2);
	}

	@Test
	void the_source_restarts_in_phase_one_and_again_after_the_flip_while_the_target_keeps_the_warm_instances() {
		Instant stagingStarted = slot("staging").restartedAt();

		swapAndWait("staging", "production");

		assertThat(slot("staging").restartCount()).as("phase 1 and phase 6").isEqualTo(2);
		assertThat(slot("production").restartCount()).as("the target itself never restarts").isZero();
		assertThat(slot("production").restartedAt()).as("the instances started in phase 1 moved with the build")
				.isAfter(stagingStarted).isBefore(slot("staging").restartedAt());
	}

	@Test
	void a_build_answering_503_while_it_warms_up_is_swapped_in_anyway_when_no_warmup_statuses_are_set() {
		deploy("staging", new Build("2.0.0", true, Duration.ofSeconds(5), false));

		SwapOperation operation = swapAndWait("staging", "production");

		assertThat(operation.status()).isEqualTo(SwapOperation.Status.SUCCEEDED);
		assertThat(answer("production").status()).as("the pitfall: production now answers 503").isEqualTo(503);
		assertThat(answer("production").body()).containsEntry("build", "2.0.0");
	}

	@Test
	void with_warmup_statuses_set_the_swap_waits_until_the_source_answers_one_of_them() {
		deploy("staging", new Build("2.0.0", true, Duration.ofMillis(600), false));
		setAppSetting("staging", SlotSwapper.WARMUP_PING_STATUSES, "200, 202");

		long started = System.nanoTime();
		SwapOperation operation = swapAndWait("staging", "production");

		assertThat(operation.status()).isEqualTo(SwapOperation.Status.SUCCEEDED);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
		assertThat(answer("production").status()).isEqualTo(200);
	}

	@Test
	void with_warmup_statuses_set_a_source_that_never_warms_up_fails_the_swap_with_417_and_the_target_is_untouched() {
		swapper = new SlotSwapper(registry, faults, clock, executor, Duration.ofMillis(300), Duration.ofMillis(20));
		deploy("staging", new Build("2.0.0", false, Duration.ZERO, false));
		setAppSetting("staging", SlotSwapper.WARMUP_PING_STATUSES, "200");
		setAppSetting("staging", SlotSwapper.WARMUP_PING_PATH, "/health");
		Map<String, String> stagingSettings = slot("staging").settings().appSettings();

		SwapOperation operation = swapAndWait("staging", "production");

		assertThat(operation.status()).isEqualTo(SwapOperation.Status.FAILED);
		assertThat(operation.error().status()).isEqualTo(417);
		assertThat(operation.error().code()).isEqualTo("ExpectationFailed");
		assertThat(operation.error().message()).contains("did not respond to http ping").contains("/health");
		assertThat(slot("production").build().version()).isEqualTo("1.0.0");
		assertThat(slot("production").settings().appSettings()).containsEntry("ENVIRONMENT", "production");
		assertThat(slot("staging").settings().appSettings()).as("reverted").isEqualTo(stagingSettings);
		assertThat(site.locked(site::swapStatus)).isNull();
		assertThat(site.locked(site::activeOperation)).isNull();
	}

	@Test
	void the_warmup_ignores_statuses_when_the_setting_is_blank_or_malformed() {
		assertThat(SlotSwapper.parseStatuses("")).isEmpty();
		assertThat(SlotSwapper.parseStatuses("abc, 20")).isEmpty();
		assertThat(SlotSwapper.parseStatuses("200,202 , 301")).containsExactlyInAnyOrder(200, 202, 301);
	}

	@Test
	void the_flip_is_atomic_so_a_reader_never_sees_both_slots_with_the_same_build() throws Exception {
		AtomicBoolean done = new AtomicBoolean();
		AtomicInteger reads = new AtomicInteger();
		AtomicInteger sameBuild = new AtomicInteger();
		Thread reader = new Thread(() -> {
			while (!done.get()) {
				boolean same = site.locked(() -> slot("production").build() == slot("staging").build()
						|| slot("production").settings().appSetting("GREETING")
								.equals(slot("staging").settings().appSetting("GREETING")));
				reads.incrementAndGet();
				if (same) {
					sameBuild.incrementAndGet();
				}
			}
		});
		faults.update(FaultSettings.defaults(5));
		reader.start();
		for (int i = 0; i < 20; i++) {
			assertThat(swapAndWait("staging", "production").status()).isEqualTo(SwapOperation.Status.SUCCEEDED);
		}
		done.set(true);
		reader.join();

		assertThat(reads.get()).isGreaterThan(100);
		assertThat(sameBuild.get()).isZero();
		assertThat(site.locked(site::completedSwaps)).hasSize(20);
	}

	@Test
	void a_second_operation_on_a_busy_site_gets_409_conflict() {
		faults.update(FaultSettings.defaults(1000));
		SwapOperation running = swapper.beginSwap(site, SUB, "staging", "production");

		assertThatThrownBy(() -> swapper.beginSwap(site, SUB, "staging", "production")).isInstanceOfSatisfying(
				ArmException.class, e -> {
					assertThat(e.error().status()).isEqualTo(409);
					assertThat(e.error().code()).isEqualTo("Conflict");
					assertThat(e.error().message()).contains("another operation is in progress")
							.contains("Id: " + running.id()).contains("OperationName: SwapSiteSlots");
				});
		assertThatThrownBy(() -> swapper.applySlotConfig(site, "staging", "production"))
				.isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.error().status()).isEqualTo(409));
		assertThatThrownBy(() -> site.locked(site::ensureWritable))
				.isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.error().code()).isEqualTo("Conflict"));

		await().atMost(Duration.ofSeconds(5)).until(() -> running.status() != SwapOperation.Status.RUNNING);
		assertThat(site.locked(site::completedSwaps)).hasSize(1);
	}

	@Test
	void a_preview_applies_the_target_sticky_settings_to_the_source_and_reset_restores_its_own() {
		Map<String, String> own = slot("staging").settings().appSettings();
		int restarts = slot("staging").restartCount();

		swapper.applySlotConfig(site, "staging", "production");

		assertThat(slot("staging").settings().appSettings()).containsEntry("ENVIRONMENT", "production")
				.containsEntry("GREETING", "Hello from 1.1.0");
		assertThat(slot("staging").settings().connectionStrings().get("Database").value()).contains("production");
		assertThat(slot("staging").targetSwapSlot()).isEqualTo("production");
		assertThat(slot("staging").restartCount()).isEqualTo(restarts + 1);

		swapper.resetSlotConfig(site, "staging");

		assertThat(slot("staging").settings().appSettings()).isEqualTo(own);
		assertThat(slot("staging").targetSwapSlot()).isNull();
		assertThat(slot("staging").restartCount()).isEqualTo(restarts + 2);
		site.locked(site::ensureWritable);
	}

	@Test
	void a_prepared_site_refuses_config_changes_and_swaps_of_another_pair_until_the_preview_completes() {
		site.locked(() -> site.addSlot(new EmulatedSlot("canary", Build.of("0.9.0"), SlotSettings.EMPTY, clock.instant())));
		swapper.applySlotConfig(site, "staging", "production");
		int restarts = slot("staging").restartCount();

		assertThatThrownBy(() -> site.locked(site::ensureWritable)).isInstanceOfSatisfying(ArmException.class, e -> {
			assertThat(e.error().status()).isEqualTo(409);
			assertThat(e.error().code()).isEqualTo(ArmErrors.SLOT_PREPARED_FOR_SWAP);
			assertThat(e.error().message()).contains("has already been prepared for swap with slot 'production'");
		});
		assertThatThrownBy(() -> swapper.beginSwap(site, SUB, "canary", "production"))
				.isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.error().status()).isEqualTo(409));
		assertThatThrownBy(() -> swapper.applySlotConfig(site, "canary", "production"))
				.isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.error().status()).isEqualTo(409));
		swapper.applySlotConfig(site, "STAGING", "Production");

		SwapOperation completion = swapAndWait("staging", "production");

		assertThat(completion.status()).isEqualTo(SwapOperation.Status.SUCCEEDED);
		assertThat(slot("staging").restartCount()).as("phase 1 skipped, only phase 6").isEqualTo(restarts + 1);
		assertThat(slot("production").build().version()).isEqualTo("1.1.0");
		assertThat(slot("staging").settings().appSettings()).containsEntry("ENVIRONMENT", "staging");
		assertThat(slot("staging").targetSwapSlot()).isNull();
		site.locked(site::ensureWritable);
	}

	@Test
	void a_transient_swap_failure_fails_with_400_and_changes_nothing() {
		faults.update(FaultSettings.defaults(50).withFailNextSwaps(1));
		Map<String, String> stagingSettings = slot("staging").settings().appSettings();

		SwapOperation failed = swapAndWait("staging", "production");
		SwapOperation next = swapAndWait("staging", "production");

		assertThat(failed.status()).isEqualTo(SwapOperation.Status.FAILED);
		assertThat(failed.error().status()).isEqualTo(400);
		assertThat(failed.error().message()).contains("allocation of VM instances").contains("Please retry");
		assertThat(next.status()).as("only the next swap fails").isEqualTo(SwapOperation.Status.SUCCEEDED);
		assertThat(site.locked(site::completedSwaps)).hasSize(1);
		assertThat(faults.current().failNextSwaps()).isZero();
		assertThat(stagingSettings).containsEntry("ENVIRONMENT", "staging");
	}

	@Test
	void unknown_slots_and_swapping_a_slot_with_itself_are_refused() {
		assertThatThrownBy(() -> swapper.beginSwap(site, SUB, "nope", "production")).isInstanceOfSatisfying(
				ArmException.class, e -> assertThat(e.error().code()).isEqualTo("ResourceNotFound"));
		assertThatThrownBy(() -> swapper.beginSwap(site, SUB, "staging", "STAGING")).isInstanceOfSatisfying(
				ArmException.class, e -> assertThat(e.error().status()).isEqualTo(400));
	}

	private SwapOperation swapAndWait(String source, String target) {
		SwapOperation operation = swapper.beginSwap(site, SUB, source, target);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
				.until(() -> operation.status() != SwapOperation.Status.RUNNING);
		return operation;
	}

	private EmulatedSlot slot(String name) {
		return site.locked(() -> site.requireSlot(name));
	}

	private void deploy(String slot, Build build) {
		site.locked(() -> slot(slot).deploy(build, clock.instant()));
	}

	private void setAppSetting(String slot, String name, String value) {
		site.locked(() -> {
			EmulatedSlot s = slot(slot);
			Map<String, String> settings = new LinkedHashMap<>(s.settings().appSettings());
			settings.put(name, value);
			s.replaceSettings(s.settings().withAppSettings(settings), clock.instant());
		});
	}

	private SlotSiteAnswer answer(String slot) {
		return site.locked(() -> SlotSiteAnswer.of(site, slot(slot), registry.hostName(site, slot(slot)),
				clock.instant()));
	}
}
