package io.slotswap.store;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the rows the database appends to {@code swap_state_count} (+1 entering a state, -1 leaving
 * it: see {@code V4__state_counts.sql}) into one row per state, every {@value #EVERY_SECONDS} seconds,
 * so that counting by state reads a few rows however long the history is.
 * <p>
 * One transaction: sum the rows up to the newest, delete exactly those, insert the sums. When the
 * delete finds other rows than the sum read (another replica folded them meanwhile, or a transition
 * committed an older row in between) the transaction rolls back and the next run tries again: the
 * totals are never counted twice nor lost.
 */
@Component
@Profile("!emulator")
class StateCounts {

	static final long EVERY_SECONDS = 10;

	private static final Logger log = LoggerFactory.getLogger(StateCounts.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate tx;

	StateCounts(JdbcTemplate jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	@Scheduled(initialDelay = EVERY_SECONDS, fixedDelay = EVERY_SECONDS, timeUnit = TimeUnit.SECONDS)
	void foldQuietly() {
		try {
			fold();
		}
		catch (RuntimeException e) {
			log.debug("State counts not folded this time ({}); the next run tries again", e.getClass().getSimpleName());
		}
	}

	/** Folds the rows appended so far; returns how many rows it removed (0 when there was nothing to fold). */
	int fold() {
		Integer removed = tx.execute(status -> {
			Long newest = jdbc.queryForObject("select max(id) from swap_state_count", Long.class);
			if (newest == null) {
				return 0;
			}
			record Sum(String state, long n, long rows) {
			}
			List<Sum> sums = jdbc.query(
					"select state, sum(n), count(*) from swap_state_count where id <= ? group by state",
					(row, i) -> new Sum(row.getString(1), row.getLong(2), row.getLong(3)), newest);
			long rows = sums.stream().mapToLong(Sum::rows).sum();
			if (rows == sums.size()) {
				return 0; // one row per state already
			}
			int deleted = jdbc.update("delete from swap_state_count where id <= ?", newest);
			if (deleted != rows) {
				status.setRollbackOnly();
				return 0;
			}
			List<Object[]> folded = sums.stream()
				.filter(sum -> sum.n() != 0)
				.map(sum -> new Object[] { sum.state(), sum.n() })
				.toList();
			jdbc.batchUpdate("insert into swap_state_count (state, n) values (?, ?)", folded);
			return deleted;
		});
		return removed == null ? 0 : removed;
	}
}
