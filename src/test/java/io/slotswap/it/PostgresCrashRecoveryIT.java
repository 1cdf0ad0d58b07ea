package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the control plane in each non-terminal state, then a restart: every operation ends
 * where it would have without the crash, the Azure swap happened exactly once (the emulator's swap
 * count tells: a double swap puts the old build back), and the history shows the resumption.
 * Azure's side (the emulator, its own process) carries on while the control plane is dead.
 */
class PostgresCrashRecoveryIT {

	static final String SCHEMA = PostgresDatabase.newSchema();

	static final String RG = "rg-crash";

	static final String[] POLICIES = { "--slotswap.policies[0].resource-group=rg-crash-approval",
			"--slotswap.policies[0].require-approval=true" };

	static SlotswapProcess emulatorProcess;

	static Clients.Emulator emulator;

	SlotswapProcess controlPlane;

	@BeforeAll
	static void startAzure() {
		emulatorProcess = SlotswapProcess.emulator().awaitReady();
		emulator = new Clients.Emulator(emulatorProcess.http());
	}

	@AfterAll
	static void stopAzure() throws Exception {
		emulatorProcess.close();
		PostgresDatabase.drop(SCHEMA);
	}

	@BeforeEach
	void startControlPlane() {
		emulator.faults("{\"armLatencyMillis\":0,\"swapDurationMillis\":500,\"failNextSwaps\":0,"
				+ "\"throttleEveryNth\":0,\"transientErrorRate\":0.0}");
		controlPlane = start("before-crash");
	}

	@AfterEach
	void stopControlPlane() {
		controlPlane.close();
	}

	private SlotswapProcess start(String name) {
		return SlotswapProcess.controlPlane(name, emulatorProcess, SCHEMA, POLICIES).awaitReady();
	}

	/** SIGKILL the control plane, then start a fresh one on the same database. */
	private Clients.ControlPlane crashAndRestart() {
		controlPlane.kill();
		controlPlane = start("after-crash");
		return new Clients.ControlPlane(controlPlane.http());
	}

	private Clients.ControlPlane api() {
		return new Clients.ControlPlane(controlPlane.http());
	}

	private void assertSwappedOnce(Clients.ControlPlane api, String id, String site, String state) {
		JsonNode done = api.awaitTerminal(id);
		assertThat(done.get("state").asString()).as(done.toString()).isEqualTo(state);
		assertThat(emulator.swapCount(RG, site)).as("Azure swapped exactly once").isEqualTo(1);
		assertThat(emulator.productionBuild(site)).isEqualTo("1.1.0");
	}

	@Test
	void aCrashWhileValidatingIsResumedAndSwapsOnce() {
		String site = emulator.newSite(RG);
		emulator.faults("{\"armLatencyMillis\":1500}");
		String id = api().requestSwap(RG, site, "");
		api().awaitState(id, "VALIDATING");

		Clients.ControlPlane restarted = crashAndRestart();
		emulator.faults("{\"armLatencyMillis\":0}");

		assertSwappedOnce(restarted, id, site, "SUCCEEDED");
		assertThat(restarted.notes(id)).contains("Resumed");
	}

	@Test
	void aCrashWhileWarmingUpIsResumedAndSwapsOnce() {
		String site = emulator.newSite(RG);
		emulator.deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":false}");
		String id = api().requestSwap(RG, site, "");
		api().awaitState(id, "WARMING_UP");

		Clients.ControlPlane restarted = crashAndRestart();
		emulator.deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true}");

		assertSwappedOnce(restarted, id, site, "SUCCEEDED");
		assertThat(restarted.notes(id)).contains("Resumed WARMING_UP");
	}

	@Test
	void aCrashWhileApplyingThePreviewConfigIsResumedAndTheApprovedSwapHappensOnce() {
		String site = emulator.newSite(RG);
		emulator.faults("{\"armLatencyMillis\":1500}");
		String id = api().requestSwap(RG, site, "\"mode\":\"PREVIEW\"");
		api().awaitState(id, "APPLYING_CONFIG");

		Clients.ControlPlane restarted = crashAndRestart();
		emulator.faults("{\"armLatencyMillis\":0}");
		restarted.awaitState(id, "AWAITING_APPROVAL");
		assertThat(restarted.http().as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "").status()).isEqualTo(200);

		assertSwappedOnce(restarted, id, site, "SUCCEEDED");
	}

	@Test
	void aCrashWhileAwaitingApprovalKeepsTheOperationWaitingForItsApprover() {
		String rg = "rg-crash-approval";
		String site = emulator.newSite(rg);
		String id = api().requestSwap(rg, site, "");
		api().awaitState(id, "AWAITING_APPROVAL");

		Clients.ControlPlane restarted = crashAndRestart();
		assertThat(restarted.operation(id).get("state").asString()).isEqualTo("AWAITING_APPROVAL");
		assertThat(restarted.http().as(Http.APPROVER).post("/api/v1/swaps/" + id + "/approve", "").status()).isEqualTo(200);

		JsonNode done = restarted.awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(emulator.swapCount(rg, site)).isEqualTo(1);
	}

	@Test
	void aCrashAfterTheSwapWasSentButBeforeItsOutcomeWasKnownNeverSwapsTwice() {
		String site = emulator.newSite(RG);
		// Azure performs the swap (8 s) but its answer is lost: the outcome is unknown to the control plane
		emulator.faults("{\"ambiguousSwaps\":1,\"swapDurationMillis\":8000}");
		String id = api().requestSwap(RG, site, "");
		// the window: the swap intent is committed, Azure has the POST, the operation is still SWAPPING
		await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(50))
			.until(() -> PostgresDatabase.number(SCHEMA, "select swap_sends from swap_operation where id = ?",
					java.util.UUID.fromString(id)) == 1 && emulator.swapPosts(RG, site) == 1);
		assertThat(api().operation(id).get("state").asString()).isEqualTo("SWAPPING");

		Clients.ControlPlane restarted = crashAndRestart();

		assertSwappedOnce(restarted, id, site, "SUCCEEDED");
		assertThat(emulator.swapPosts(RG, site)).as("the swap was not sent again after the restart").isEqualTo(1);
		emulator.faults("{\"ambiguousSwaps\":0}");
	}

	@Test
	void aCrashAfterAzureAcceptedTheSwapFollowsItThroughItsPollingUrl() {
		String site = emulator.newSite(RG);
		emulator.faults("{\"swapDurationMillis\":8000}");
		String id = api().requestSwap(RG, site, "");
		api().awaitNote(id, "Azure accepted the swap");

		Clients.ControlPlane restarted = crashAndRestart();

		assertSwappedOnce(restarted, id, site, "SUCCEEDED");
		assertThat(restarted.notes(id)).contains("Resumed SWAPPING");
	}

	@Test
	void aSwapThatAzureFailedWhileTheControlPlaneWasDeadEndsFailedAndIsNotSentAgain() {
		String site = emulator.newSite(RG);
		Http.Response settings = emulator.http()
			.put("/emulator/arm/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/" + RG
					+ "/providers/Microsoft.Web/sites/" + site + "/slots/staging/config/appsettings?api-version=2025-03-01",
					"{\"properties\":{\"ENVIRONMENT\":\"staging\",\"WEBSITE_SWAP_WARMUP_PING_STATUSES\":\"200\"}}");
		assertThat(settings.status()).isEqualTo(200);
		// answers 503 for 12 s after each restart: our warm-up waits it out, but the swap restarts the
		// slot and Azure's own warm-up (10 s budget in the emulator) gives up with 417
		emulator.deploy(RG, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true,\"warmupSeconds\":12}");
		String id = api().requestSwap(RG, site, "");
		api().awaitNote(id, "Azure accepted the swap");

		controlPlane.kill();
		await().atMost(java.time.Duration.ofSeconds(60))
			.until(() -> emulator.http().get("/emulator/control/sites/" + RG + "/" + site).body().contains("ExpectationFailed"));
		controlPlane = start("after-crash");
		Clients.ControlPlane restarted = api();

		JsonNode done = restarted.awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").get("code").asString()).isEqualTo("ExpectationFailed");
		JsonNode azure = emulator.http().get("/emulator/control/sites/" + RG + "/" + site).json();
		assertThat(azure.get("operations").size()).as("the swap was sent once, not again after the restart").isEqualTo(1);
		assertThat(azure.get("swapCount").asInt()).isZero();
		assertThat(emulator.productionBuild(site)).isEqualTo("1.0.0");
	}

	@Test
	void aCrashWhileVerifyingIsResumedAndTheVerificationFinishes() {
		String site = emulator.newSite(RG);
		String id = api().requestSwap(RG, site,
				"\"verification\":{\"durationSeconds\":20,\"intervalSeconds\":1,\"failureThreshold\":3}");
		api().awaitState(id, "VERIFYING");

		Clients.ControlPlane restarted = crashAndRestart();

		assertSwappedOnce(restarted, id, site, "SUCCEEDED");
		assertThat(restarted.transitions(id)).contains("VERIFYING").doesNotContain("ROLLING_BACK");
	}

	@Test
	void aCrashWhileRollingBackIsResumedAndRollsBackExactlyOnce() {
		String site = emulator.newSite(RG);
		emulator.deploy(RG, site, "staging",
				"{\"version\":\"1.1.0\",\"healthy\":true,\"failsInProduction\":true}");
		String id = api().requestSwap(RG, site,
				"\"verification\":{\"durationSeconds\":60,\"intervalSeconds\":1,\"failureThreshold\":2}");
		api().awaitState(id, "VERIFYING");
		emulator.faults("{\"swapDurationMillis\":6000}");
		api().awaitState(id, "ROLLING_BACK");

		Clients.ControlPlane restarted = crashAndRestart();

		JsonNode done = restarted.awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("ROLLED_BACK");
		assertThat(emulator.swapCount(RG, site)).as("the swap and its rollback, nothing more").isEqualTo(2);
		assertThat(emulator.productionBuild(site)).isEqualTo("1.0.0");
	}
}
