package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@code swap_state_count} must do on either database (H2's Java trigger, PostgreSQL's
 * PL/pgSQL one): each check starts from an empty table and compares the kept counts with a real
 * {@code count(*)} of the operations.
 */
final class StateCountChecks {

	static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

	private final JdbcTemplate jdbc;

	private final TransactionTemplate tx;

	private final OperationRows rows;

	StateCountChecks(JdbcTemplate jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.rows = new OperationRows(jdbc);
	}

	void countsFollowEveryInsertChangeOfStateAndDelete() {
		List<UUID> finished = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			finished.add(rows.finished(AT.plusSeconds(i)));
		}
		UUID waiting = rows.active("rg/a", AT);
		rows.active("rg/b", AT);
		assertThat(kept()).isEqualTo(Map.of("SUCCEEDED", 3L, "AWAITING_APPROVAL", 2L));

		jdbc.update("update swap_operation set state = 'CANCELLED', active_site_key = null where id = ?", waiting);
		long appended = rowsOfCounts();
		jdbc.update("update swap_operation set requested_by = 'someone-else', version = version + 1 where id = ?", waiting);
		assertThat(rowsOfCounts()).as("an update that keeps the state appends nothing").isEqualTo(appended);
		jdbc.update("delete from swap_event where operation_id = ?", finished.get(0));
		jdbc.update("delete from idempotency_key where operation_id = ?", finished.get(0));
		jdbc.update("delete from swap_operation where id = ?", finished.get(0));

		assertThat(kept()).isEqualTo(Map.of("SUCCEEDED", 2L, "AWAITING_APPROVAL", 1L, "CANCELLED", 1L))
			.isEqualTo(counted());
	}

	void foldingLeavesOneRowPerStateAndTheSameCounts(StateCounts counts) {
		for (int i = 0; i < 20; i++) {
			UUID id = rows.active("rg/fold-" + i, AT);
			if (i % 2 == 0) {
				jdbc.update("update swap_operation set state = 'SUCCEEDED', active_site_key = null where id = ?", id);
			}
		}
		Map<String, Long> before = kept();

		assertThat(counts.fold()).isPositive();

		assertThat(kept()).isEqualTo(before).isEqualTo(counted());
		assertThat(rowsOfCounts()).isEqualTo(before.size());
		assertThat(counts.fold()).as("nothing left to fold").isZero();
	}

	/** Replicas folding while transitions go on: the counts stay exact. */
	void foldingWhileOperationsChangeNeverLosesOrDoublesACount(StateCounts first, StateCounts second)
			throws Exception {
		CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 60; i++) {
				String site = "rg/race-" + i;
				tx.executeWithoutResult(status -> {
					UUID id = rows.active(site, AT);
					jdbc.update("update swap_operation set state = 'SUCCEEDED', active_site_key = null where id = ?", id);
				});
			}
		});
		CompletableFuture<Void> folding = CompletableFuture.allOf(foldUntil(first, writes), foldUntil(second, writes));
		writes.get();
		folding.get();
		first.fold();

		assertThat(kept()).isEqualTo(counted());
	}

	private static CompletableFuture<Void> foldUntil(StateCounts counts, CompletableFuture<Void> writes) {
		return CompletableFuture.runAsync(() -> {
			while (!writes.isDone()) {
				counts.foldQuietly();
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
	}

	Map<String, Long> kept() {
		Map<String, Long> kept = new TreeMap<>();
		jdbc.query("select state, sum(n) from swap_state_count group by state having sum(n) <> 0",
				row -> {
					kept.put(row.getString(1), row.getLong(2));
				});
		return kept;
	}

	Map<String, Long> counted() {
		Map<String, Long> counted = new TreeMap<>();
		jdbc.query("select state, count(*) from swap_operation group by state", row -> {
			counted.put(row.getString(1), row.getLong(2));
		});
		return counted;
	}

	private long rowsOfCounts() {
		return jdbc.queryForObject("select count(*) from swap_state_count", Long.class);
	}
}
