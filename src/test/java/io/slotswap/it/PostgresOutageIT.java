package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL stopped for 30 s while swaps run: readiness goes DOWN, the process stays alive, and
 * when the database returns every operation resumes and ends as it would have, nothing lost.
 * Stops and starts the local server with {@code pg_ctlcluster}.
 */
class PostgresOutageIT {

	static final String SCHEMA = PostgresDatabase.newSchema();

	static final String RG = "rg-outage";

	@AfterAll
	static void dropSchema() throws Exception {
		startPostgres();
		PostgresDatabase.drop(SCHEMA);
	}

	@Test
	void swapsSurviveThirtySecondsWithoutTheDatabase() throws Exception {
		try (SlotswapProcess azure = SlotswapProcess.emulator().awaitReady();
				SlotswapProcess process = SlotswapProcess.controlPlane("outage", azure, SCHEMA).awaitReady()) {
			Clients.Emulator emulator = new Clients.Emulator(azure.http());
			Clients.ControlPlane api = new Clients.ControlPlane(process.http());
			emulator.faults("{\"swapDurationMillis\":4000}");
			List<String> sites = new ArrayList<>();
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				String site = emulator.newSite(RG);
				sites.add(site);
				ids.add(api.requestSwap(RG, site, ""));
			}
			String warming = emulator.newSite(RG);
			emulator.deploy(RG, warming, "staging", "{\"version\":\"1.1.0\",\"healthy\":false}");
			sites.add(warming);
			ids.add(api.requestSwap(RG, warming, ""));
			api.awaitNote(ids.get(0), "Azure accepted the swap");

			stopPostgres();
			try {
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.until(() -> process.http().get("/actuator/health/readiness").status() == 503);
				assertThat(process.http().get("/actuator/health/liveness").status()).isEqualTo(200);
				emulator.deploy(RG, warming, "staging", "{\"version\":\"1.1.0\",\"healthy\":true}");
				Thread.sleep(30_000);
				assertThat(process.isAlive()).isTrue();
			}
			finally {
				startPostgres();
			}

			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> process.http().get("/actuator/health/readiness").status() == 200);
			for (int i = 0; i < ids.size(); i++) {
				JsonNode done = api.awaitTerminal(ids.get(i));
				assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
				assertThat(emulator.swapCount(RG, sites.get(i))).isEqualTo(1);
			}
		}
	}

	static void stopPostgres() throws Exception {
		pgCtl("stop");
	}

	static void startPostgres() throws Exception {
		pgCtl("start");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
			try (var connection = java.sql.DriverManager.getConnection(PostgresDatabase.URL, PostgresDatabase.USER,
					PostgresDatabase.PASSWORD)) {
				return connection.isValid(2);
			}
		});
	}

	private static void pgCtl(String action) throws Exception {
		String[] versions = new File("/etc/postgresql").list();
		assertThat(versions).as("a local PostgreSQL cluster managed by pg_ctlcluster").isNotEmpty();
		Process process = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", action)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		int exit = process.waitFor();
		if (exit != 0 && !output.contains("already running") && !output.contains("not running")) {
			throw new IllegalStateException("pg_ctlcluster " + action + " failed: " + output);
		}
	}
}
