package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The README's way of keeping operations across restarts, {@code jdbc:h2:file:}, taken at its word:
 * a transition the API has shown survives a {@code kill -9} that follows it within milliseconds.
 * H2 writes commits to its file up to half a second late unless told otherwise, so without slotswap
 * making the file durable most of these rounds lose the operation or its last transition.
 */
class H2FileDurabilityIT {

	static final String RG = "rg-durable";

	static final String[] POLICIES = { "--slotswap.policies[0].resource-group=" + RG,
			"--slotswap.policies[0].require-approval=true" };

	static final int ROUNDS = 3;

	static SlotswapProcess emulatorProcess;

	static Clients.Emulator emulator;

	@TempDir
	Path dir;

	@BeforeAll
	static void startAzure() {
		emulatorProcess = SlotswapProcess.emulator().awaitReady();
		emulator = new Clients.Emulator(emulatorProcess.http());
	}

	@AfterAll
	static void stopAzure() {
		emulatorProcess.close();
	}

	@Test
	void aTransitionTheApiHasShownSurvivesAKillNineRightAfterIt() {
		Path db = dir.resolve("slotswap");
		SlotswapProcess controlPlane = start("h2-file-0", db);
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				String site = emulator.newSite(RG);
				Clients.ControlPlane api = new Clients.ControlPlane(controlPlane.http());
				String id = api.requestSwap(RG, site, "\"reason\":\"round " + round + "\"");
				awaitStateWithoutPause(controlPlane.http(), id, "AWAITING_APPROVAL");
				controlPlane.kill();

				controlPlane = start("h2-file-" + round, db);
				Clients.ControlPlane restarted = new Clients.ControlPlane(controlPlane.http());
				Http.Response after = restarted.http().get("/api/v1/swaps/" + id);
				assertThat(after.status()).as("round %d: the operation is still there after kill -9", round)
					.isEqualTo(200);
				assertThat(after.json().get("state").asString()).as("round %d: its last transition too", round)
					.isEqualTo("AWAITING_APPROVAL");
				assertThat(restarted.transitions(id)).as("round %d: and its history", round)
					.containsSubsequence("VALIDATING", "WARMING_UP", "AWAITING_APPROVAL");
			}
		}
		finally {
			controlPlane.close();
		}
	}

	@Test
	void aSigtermWhileStepsRunStopsTheEngineBeforeTheDatabaseAndTheNextStartFinishesTheSwap() {
		Path db = dir.resolve("slotswap");
		String resourceGroup = "rg-sigterm";
		String site = emulator.newSite(resourceGroup);
		emulator.faults("{\"armLatencyMillis\":700}");
		SlotswapProcess controlPlane = start("h2-sigterm-0", db);
		try {
			Clients.ControlPlane api = new Clients.ControlPlane(controlPlane.http());
			String id = api.requestSwap(resourceGroup, site, "\"reason\":\"redeploy of slotswap itself\"");
			api.awaitState(id, "SWAPPING");

			int exit = controlPlane.terminate(Duration.ofSeconds(90));

			String output = controlPlane.output();
			assertThat(output).as("the engine stopped cleanly").contains("stopped").doesNotContain("steps still running");
			assertThat(output).as("nothing ran on a closed database")
				.doesNotContain("already closed")
				.doesNotContain("Exception")
				.doesNotContain(" ERROR ");
			assertThat(output.indexOf("Swap engine")).isNotNegative();
			assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);

			emulator.faults("{\"armLatencyMillis\":0}");
			controlPlane = start("h2-sigterm-1", db);
			JsonNode ended = new Clients.ControlPlane(controlPlane.http()).awaitTerminal(id);
			assertThat(ended.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(emulator.swapCount(resourceGroup, site)).as("swapped once, across the restart").isEqualTo(1);
			assertThat(emulator.productionBuild(site)).isEqualTo("1.1.0");
		}
		finally {
			emulator.faults("{\"armLatencyMillis\":0}");
			controlPlane.close();
		}
	}

	@Test
	void webhookDeliveriesThatCouldNotBeMadeBeforeAKillArriveAfterTheRestart() {
		Receivers receivers = Receivers.get();
		Path db = dir.resolve("slotswap");
		String resourceGroup = "rg-hook-restart";
		String site = emulator.newSite(resourceGroup);
		String[] hooked = { "--slotswap.policies[0].resource-group=" + resourceGroup,
				"--slotswap.policies[0].webhooks[0]=" + receivers.url("/hooks/restart") };
		receivers.failNextHooks.set(1_000_000);
		SlotswapProcess controlPlane = SlotswapProcess.controlPlaneOnH2File("h2-hooks-0", emulatorProcess, db, hooked)
			.awaitReady();
		try {
			String id = new Clients.ControlPlane(controlPlane.http()).requestSwap(resourceGroup, site, "");
			new Clients.ControlPlane(controlPlane.http()).awaitTerminal(id);
			assertThat(delivered(receivers, id)).as("nothing taken yet").isEmpty();
			controlPlane.kill();

			receivers.failNextHooks.set(0);
			controlPlane = SlotswapProcess.controlPlaneOnH2File("h2-hooks-1", emulatorProcess, db, hooked).awaitReady();

			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> delivered(receivers, id).size() == 5);
			assertThat(delivered(receivers, id)).containsExactlyInAnyOrder("PENDING", "VALIDATING", "WARMING_UP",
					"SWAPPING", "SUCCEEDED");
		}
		finally {
			receivers.failNextHooks.set(0);
			controlPlane.close();
		}
	}

	/** The states of the deliveries the receiver took (answered 2xx), one per delivery id. */
	private static java.util.Collection<String> delivered(Receivers receivers, String id) {
		java.util.Map<String, String> taken = new java.util.HashMap<>();
		for (Receivers.Received r : receivers.at("/hooks/restart")) {
			if (r.body().contains(id) && r.status() == 200) {
				JsonNode body = Http.JSON.readTree(r.body());
				taken.put(body.get("id").asString(), body.at("/event/toState").asString());
			}
		}
		return taken.values();
	}

	private static SlotswapProcess start(String name, Path db) {
		return SlotswapProcess.controlPlaneOnH2File(name, emulatorProcess, db, POLICIES).awaitReady();
	}

	/**
	 * Asks again as soon as each answer arrives (a few milliseconds apart), so that the caller kills
	 * the process within milliseconds of the API showing {@code state}.
	 */
	private static void awaitStateWithoutPause(Http http, String id, String state) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			JsonNode operation = http.get("/api/v1/swaps/" + id).json();
			String current = operation.get("state").asString();
			if (current.equals(state)) {
				return;
			}
			if (operation.get("terminal").asBoolean()) {
				throw new AssertionError("ended " + current + " instead of reaching " + state);
			}
		}
		throw new AssertionError("did not reach " + state + " within 60 s");
	}
}
