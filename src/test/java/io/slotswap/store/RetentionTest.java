package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

	OperationRows rows;

	@BeforeEach
	void freshDatabase() {
		DriverManagerDataSource dataSource = MigratedH2.fresh("retention");
		jdbc = new JdbcTemplate(dataSource);
		rows = new OperationRows(jdbc);
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
	void aRollbackIsPurgedBeforeItsOriginalSoThatItNeverNamesAnOperationThatIsGone() {
		UUID original = finished(NOW.minus(Duration.ofDays(40)));
		UUID rollback = finished(NOW.minus(Duration.ofDays(20)));
		jdbc.update("update swap_operation set rollback_of = ? where id = ?", original, rollback);

		retention(Duration.ofDays(30)).purge();

		assertThat(operations()).as("the original stays while its rollback is kept")
			.containsExactlyInAnyOrder(original, rollback);

		Retention.Purged purged = retention(Duration.ofDays(10)).purge();

		assertThat(purged.operations()).isEqualTo(2);
		assertThat(operations()).isEmpty();
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

	private UUID finished(Instant completedAt) {
		return rows.finished(completedAt);
	}

	private UUID active(String siteKey, Instant createdAt) {
		return rows.active(siteKey, createdAt);
	}

	private List<UUID> operations() {
		return jdbc.queryForList("select id from swap_operation", UUID.class);
	}

	private int count(String fromWhere, Object... arguments) {
		return jdbc.queryForObject("select count(*) from " + fromWhere, Integer.class, arguments);
	}
}
