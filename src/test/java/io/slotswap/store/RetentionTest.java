package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One purge on a fresh H2 database migrated by the real migrations, with rows written the way
 * slotswap writes them. The clock is fixed at {@link #NOW}.
 */
class RetentionTest {

	static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	JdbcTemplate jdbc;

	TransactionTemplate tx;

	@BeforeEach
	void freshDatabase() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		jdbc = new JdbcTemplate(dataSource);
		tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@Test
	void finishedOperationsPastTheirRetentionGoWithTheirHistoryAndKeys() {
		UUID old = finished(NOW.minus(Duration.ofDays(31)));
		UUID recent = finished(NOW.minus(Duration.ofDays(3)));

		Retention.Purged purged = retention(Duration.ofDays(30)).purge();

		assertThat(purged.operations()).isEqualTo(1);
		assertThat(operations()).containsExactly(recent);
		assertThat(count("swap_event where operation_id = ?", old)).isZero();
		assertThat(count("idempotency_key where operation_id = ?", old)).isZero();
		assertThat(count("swap_event where operation_id = ?", recent)).isEqualTo(3);
		assertThat(count("idempotency_key where operation_id = ?", recent)).isEqualTo(1);
	}

	@Test
	void activeOperationsAreNeverTouchedHoweverOldTheyAre() {
		UUID active = active("rg/site-a", NOW.minus(Duration.ofDays(400)));

		Retention.Purged purged = retention(Duration.ofDays(30)).purge();

		assertThat(purged).isEqualTo(new Retention.Purged(0, 0));
		assertThat(operations()).containsExactly(active);
		assertThat(count("swap_event where operation_id = ?", active)).isEqualTo(3);
		assertThat(count("idempotency_key where operation_id = ?", active))
			.as("a replay of its request must still find it").isEqualTo(1);
	}

	@Test
	void aFinishedOperationThatAnActiveRollbackRefersToIsKept() {
		UUID original = finished(NOW.minus(Duration.ofDays(90)));
		UUID rollback = active("rg/site-b", NOW.minus(Duration.ofMinutes(5)));
		jdbc.update("update swap_operation set rollback_of = ? where id = ?", original, rollback);

		retention(Duration.ofDays(30)).purge();

		assertThat(operations()).containsExactlyInAnyOrder(original, rollback);
	}

	@Test
	void withoutAnOperationsRetentionOperationsAreKeptAndOnlyOldKeysGo() {
		UUID old = finished(NOW.minus(Duration.ofDays(400)));
		UUID recent = finished(NOW.minus(Duration.ofDays(6)));

		Retention.Purged purged = retention(null).purge();

		assertThat(purged).isEqualTo(new Retention.Purged(0, 1));
		assertThat(operations()).containsExactlyInAnyOrder(old, recent);
		assertThat(count("swap_event")).isEqualTo(6);
		assertThat(count("idempotency_key where operation_id = ?", old)).isZero();
		assertThat(count("idempotency_key where operation_id = ?", recent)).isEqualTo(1);
	}

	@Test
	void aPurgeLargerThanOneBatchDeletesEverythingDue() {
		List<UUID> old = new ArrayList<>();
		for (int i = 0; i < Retention.BATCH * 2 + 500; i++) {
			old.add(finished(NOW.minus(Duration.ofDays(60)).plusSeconds(i)));
		}
		UUID recent = finished(NOW.minus(Duration.ofDays(1)));

		Retention.Purged purged = retention(Duration.ofDays(30)).purge();

		assertThat(purged.operations()).isEqualTo(old.size());
		assertThat(operations()).containsExactly(recent);
		assertThat(count("swap_event")).isEqualTo(3);
		assertThat(count("idempotency_key")).isEqualTo(1);
	}

	@Test
	void aSecondPurgeFindsNothingLeft() {
		finished(NOW.minus(Duration.ofDays(60)));
		Retention retention = retention(Duration.ofDays(30));
		retention.purge();

		assertThat(retention.purge()).isEqualTo(new Retention.Purged(0, 0));
	}

	private Retention retention(Duration operations) {
		RetentionProperties properties = new RetentionProperties(Duration.ofDays(7), operations, Duration.ofHours(1));
		return new Retention(jdbc, tx, properties, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** An operation that ended at {@code completedAt}, requested an hour earlier with an idempotency key. */
	private UUID finished(Instant completedAt) {
		UUID id = insert(null, completedAt.minus(Duration.ofHours(1)), completedAt, "SUCCEEDED");
		return id;
	}

	/** An operation still running on {@code siteKey}, requested at {@code createdAt}. */
	private UUID active(String siteKey, Instant createdAt) {
		return insert(siteKey, createdAt, null, "AWAITING_APPROVAL");
	}

	private UUID insert(String activeSiteKey, Instant createdAt, Instant completedAt, String state) {
		UUID id = UUID.randomUUID();
		OffsetDateTime created = utc(createdAt);
		jdbc.update("""
				insert into swap_operation (id, subscription_id, resource_group, site, source_slot, target_slot, mode,
				    preserve_vnet, state, active_site_key, requested_by, require_approval, approval_timeout_seconds,
				    slots_changed, warmup_path, warmup_expected_statuses, warmup_consecutive_successes,
				    warmup_interval_seconds, warmup_timeout_seconds, verification_path, verification_expected_statuses,
				    verification_duration_seconds, verification_interval_seconds, verification_failure_threshold,
				    verification_auto_rollback, created_at, updated_at, completed_at, state_entered_at, next_run_at,
				    attempts, swap_retries, probe_streak, stuck_reported, version)
				values (?, '00000000-0000-0000-0000-000000000000', 'RG', 'Site', 'staging', 'production', 'SWAP',
				    true, ?, ?, 'dev-operator', false, 86400, false, '/', '200', 3, 1, 300, '/', '200', 0, 5, 3, true,
				    ?, ?, ?, ?, ?, 0, 0, 0, false, 0)""", id, state, activeSiteKey, created,
				utc(completedAt != null ? completedAt : createdAt), completedAt == null ? null : utc(completedAt),
				created, created);
		for (String to : List.of("PENDING", "VALIDATING", state)) {
			jdbc.update("insert into swap_event (operation_id, at, type, to_state, actor, channel) values (?, ?, 'TRANSITION', ?, 'dev-operator', 'API')",
					id, created, to);
		}
		jdbc.update("insert into idempotency_key (principal, idem_key, request_hash, operation_id, created_at) values ('dev-operator', ?, 'hash', ?, ?)",
				"key-" + id, id, created);
		return id;
	}

	private List<UUID> operations() {
		return jdbc.queryForList("select id from swap_operation", UUID.class);
	}

	private int count(String fromWhere, Object... arguments) {
		return jdbc.queryForObject("select count(*) from " + fromWhere, Integer.class, arguments);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
