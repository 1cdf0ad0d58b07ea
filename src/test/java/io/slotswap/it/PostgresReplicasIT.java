package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Two control planes share one PostgreSQL: they share the work, run each operation on one replica
 * at a time, and when one dies the other finishes its operations once their leases expire.
 */
class PostgresReplicasIT {

	static final String SCHEMA = PostgresDatabase.newSchema();

	static final String RG = "rg-replicas";

	/** The optional cap on swaps at once per subscription (none by default), to see it hold across replicas. */
	static final String CAP = "--slotswap.engine.max-concurrent-swaps-per-subscription=10";

	@AfterAll
	static void dropSchema() throws Exception {
		PostgresDatabase.drop(SCHEMA);
	}

	@Test
	void twentyConcurrentSwapsOnTwoReplicasAllSucceedOnceEvenWhenOneReplicaIsKilledMidway() throws Exception {
		try (SlotswapProcess azure = SlotswapProcess.emulator().awaitReady();
				SlotswapProcess first = SlotswapProcess.controlPlane("replica-a", azure, SCHEMA, CAP).awaitReady();
				SlotswapProcess second = SlotswapProcess.controlPlane("replica-b", azure, SCHEMA, CAP).awaitReady()) {
			Clients.Emulator emulator = new Clients.Emulator(azure.http());
			// long enough that the first ten swaps still run when the others are ready to send theirs
			emulator.faults("{\"swapDurationMillis\":8000}");
			List<String> sites = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				sites.add(emulator.newSite(RG));
			}
			Clients.ControlPlane a = new Clients.ControlPlane(first.http());
			Clients.ControlPlane b = new Clients.ControlPlane(second.http());

			ExecutorService pool = Executors.newFixedThreadPool(20);
			List<Future<String>> requested = new ArrayList<>();
			for (int i = 0; i < sites.size(); i++) {
				Clients.ControlPlane api = i % 2 == 0 ? a : b;
				String site = sites.get(i);
				requested.add(pool.submit(() -> api.requestSwap(RG, site, "")));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> id : requested) {
				ids.add(id.get());
			}
			pool.shutdown();
			b.awaitNote(ids.get(0), "Azure accepted the swap");
			emulator.faults("{\"armLatencyMillis\":1500}");
			Thread.sleep(2000);

			first.kill();
			emulator.faults("{\"armLatencyMillis\":0}");

			for (int i = 0; i < ids.size(); i++) {
				JsonNode done = b.awaitTerminal(ids.get(i));
				assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
				assertThat(emulator.swapCount(RG, sites.get(i))).as("site %s swapped once", sites.get(i)).isEqualTo(1);
				assertThat(emulator.productionBuild(sites.get(i))).isEqualTo("1.1.0");
			}
			String history = String.join("\n", ids.stream().map(b::notes).toList());
			assertThat(history).as("at most 10 swaps of one subscription ran at once; the others waited")
				.contains("Waiting for a turn");
			assertThat(history).as("steps the killed replica was running were resumed by the other")
				.contains("stopped in the middle of this step");
			assertThat(second.http().as(Http.VIEWER).get("/actuator/prometheus").body())
				.as("the survivor counted the leases it found expired")
				.containsPattern("slotswap_lease_expiries_total(\\{[^}]*\\})? [1-9]")
				.containsPattern("slotswap_lease_claims_total\\{[^}]*takeover=\"true\"[^}]*\\} [1-9]");
		}
	}
}
