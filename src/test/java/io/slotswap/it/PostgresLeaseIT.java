package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Leases that cannot be taken from a live replica, on the engine's shipped defaults (15 s lease,
 * judged by the database's clock): a replica frozen past its lease and then resumed never overwrites
 * the new owner's work and never sends a second swap; a replica whose clock is far off takes no
 * live lease.
 */
class PostgresLeaseIT {

	static final String SCHEMA = PostgresDatabase.newSchema();

	static final String RG = "rg-lease";

	static SlotswapProcess azure;

	static Clients.Emulator emulator;

	@BeforeAll
	static void startAzure() {
		azure = SlotswapProcess.emulator().awaitReady();
		emulator = new Clients.Emulator(azure.http());
	}

	@AfterAll
	static void stopAzure() throws Exception {
		azure.close();
		PostgresDatabase.drop(SCHEMA);
	}

	@Test
	void aReplicaFrozenPastItsLeaseNeverOverwritesTheNewOwnerNorSendsASecondSwap() {
		try (SlotswapProcess a = SlotswapProcess.controlPlane("frozen-a", azure, SCHEMA).awaitReady()) {
			String site = emulator.newSite(RG);
			Clients.ControlPlane apiA = new Clients.ControlPlane(a.http());
			String id = apiA.requestSwap(RG, site, "");
			emulator.faults("{\"armLatencyMillis\":3000,\"swapDurationMillis\":500}");
			apiA.awaitState(id, "SWAPPING");
			// A is in the SWAPPING step: reading the slots' status (3 s a call) before it sends the swap
			sleep(Duration.ofSeconds(1));
			a.freeze();
			try (SlotswapProcess b = SlotswapProcess.controlPlane("taker-b", azure, SCHEMA).awaitReady()) {
				Clients.ControlPlane apiB = new Clients.ControlPlane(b.http());
				apiB.awaitNote(id, "stopped in the middle of this step");
				JsonNode done = apiB.awaitTerminal(id);
				assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
				long eventsBefore = PostgresDatabase.number(SCHEMA, "select count(*) from swap_event where operation_id = ?",
						java.util.UUID.fromString(id));

				a.thaw();
				emulator.faults("{\"armLatencyMillis\":0}");
				sleep(Duration.ofSeconds(15));

				assertThat(emulator.swapPosts(RG, site)).as("one swap POST: the thawed replica sent none").isEqualTo(1);
				assertThat(emulator.swapCount(RG, site)).isEqualTo(1);
				assertThat(emulator.productionBuild(site)).isEqualTo("1.1.0");
				assertThat(apiB.operation(id).get("state").asString()).isEqualTo("SUCCEEDED");
				assertThat(PostgresDatabase.number(SCHEMA, "select count(*) from swap_event where operation_id = ?",
						java.util.UUID.fromString(id))).as("the thawed replica wrote nothing").isEqualTo(eventsBefore);
			}
		}
	}

	@Test
	void aReplicaWhoseClockIsFarAheadTakesNoLiveLease() {
		try (SlotswapProcess a = SlotswapProcess.controlPlane("honest-a", azure, SCHEMA).awaitReady();
				SlotswapProcess b = SlotswapProcess
					.controlPlane("skewed-b", azure, SCHEMA, "--slotswap.clock-offset=60s", "--slotswap.engine.workers=1")
					.awaitReady()) {
			emulator.faults("{\"armLatencyMillis\":2500,\"swapDurationMillis\":500}");
			String[] sites = new String[4];
			String[] ids = new String[4];
			Clients.ControlPlane apiA = new Clients.ControlPlane(a.http());
			for (int i = 0; i < sites.length; i++) {
				sites[i] = emulator.newSite(RG);
				ids[i] = apiA.requestSwap(RG, sites[i], "");
			}
			for (int i = 0; i < sites.length; i++) {
				JsonNode done = apiA.awaitTerminal(ids[i]);
				assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
				assertThat(emulator.swapPosts(RG, sites[i])).as("one swap POST for %s", sites[i]).isEqualTo(1);
				assertThat(apiA.notes(ids[i])).as("no step was taken over while its replica was alive")
					.doesNotContain("stopped in the middle of this step");
			}
			emulator.faults("{\"armLatencyMillis\":0}");
		}
	}

	private static void sleep(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
	}
}
