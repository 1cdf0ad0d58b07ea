package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention on the real PostgreSQL server ({@code ./mvnw verify -Ppostgres}), in a schema of its
 * own: the same SQL as on H2 plus {@code FOR UPDATE SKIP LOCKED}, and two replicas purging at once.
 */
class PostgresRetentionIT {

	static final String URL = System.getenv().getOrDefault("SLOTSWAP_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = System.getenv().getOrDefault("SLOTSWAP_PG_USER", "postgres");

	static final String PASSWORD = System.getenv().getOrDefault("SLOTSWAP_PG_PASSWORD", "");

	static final String SCHEMA = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	static JdbcTemplate jdbc;

	static TransactionTemplate tx;

	@BeforeAll
	static void migrate() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA, USER, PASSWORD);
		Flyway.configure()
			.dataSource(dataSource)
			.schemas(SCHEMA)
			.createSchemas(true)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
		jdbc = new JdbcTemplate(dataSource);
		tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@AfterAll
	static void dropSchema() {
		jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
	}

	@Test
	void theCountsPerStateFollowEveryChangeAndSurviveTwoReplicasFoldingAtOnce() throws Exception {
		emptyTables();
		try {
			StateCountChecks checks = new StateCountChecks(jdbc, tx);

			checks.countsFollowEveryInsertChangeOfStateAndDelete();
			checks.foldingLeavesOneRowPerStateAndTheSameCounts(new StateCounts(jdbc, tx));
			checks.foldingWhileOperationsChangeNeverLosesOrDoublesACount(new StateCounts(jdbc, tx),
					new StateCounts(jdbc, tx));
		}
		finally {
			emptyTables();
		}
	}

	private static void emptyTables() {
		for (String table : List.of("swap_event", "idempotency_key", "swap_operation", "swap_state_count")) {
			jdbc.update("delete from " + table);
		}
	}

	@Test
	void twoReplicasPurgingAtOnceDeleteEachOperationOnceAndLeaveTheRestAlone() throws Exception {
		OperationRows rows = new OperationRows(jdbc);
		List<UUID> old = new ArrayList<>();
		tx.executeWithoutResult(status -> {
			for (int i = 0; i < Retention.BATCH * 3 + 200; i++) {
				old.add(rows.finished(NOW.minus(Duration.ofDays(60)).plusSeconds(i)));
			}
		});
		UUID recent = rows.finished(NOW.minus(Duration.ofDays(1)));
		UUID active = rows.active("rg/site", NOW.minus(Duration.ofDays(90)));
		CyclicBarrier together = new CyclicBarrier(2);

		CompletableFuture<Retention.Purged> first = CompletableFuture.supplyAsync(() -> purgeWhenBothReady(together));
		CompletableFuture<Retention.Purged> second = CompletableFuture.supplyAsync(() -> purgeWhenBothReady(together));

		int deleted = first.get().operations() + second.get().operations();
		assertThat(deleted).isEqualTo(old.size());
		assertThat(jdbc.queryForList("select id from swap_operation", UUID.class)).containsExactlyInAnyOrder(recent,
				active);
		assertThat(jdbc.queryForObject("select count(*) from swap_event", Integer.class)).isEqualTo(6);
		assertThat(jdbc.queryForList("select operation_id from idempotency_key", UUID.class))
			.containsExactlyInAnyOrder(recent, active);
	}

	private static Retention.Purged purgeWhenBothReady(CyclicBarrier together) {
		RetentionProperties properties = new RetentionProperties(Duration.ofDays(7), Duration.ofDays(30),
				Duration.ofHours(1));
		Retention retention = new Retention(jdbc, tx, properties, Clock.fixed(NOW, ZoneOffset.UTC));
		try {
			together.await();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		return retention.purge();
	}
}
