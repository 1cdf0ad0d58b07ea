package io.slotswap.store;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The counts per state that H2 keeps, on a fresh database migrated by the real migrations. */
class StateCountsTest {

	JdbcTemplate jdbc;

	TransactionTemplate tx;

	StateCountChecks checks;

	@BeforeEach
	void freshDatabase() {
		DriverManagerDataSource dataSource = MigratedH2.fresh("counts");
		jdbc = new JdbcTemplate(dataSource);
		tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		checks = new StateCountChecks(jdbc, tx);
	}

	@Test
	void theCountsFollowEveryInsertChangeOfStateAndDelete() {
		checks.countsFollowEveryInsertChangeOfStateAndDelete();
	}

	@Test
	void foldingLeavesOneRowPerStateAndTheSameCounts() {
		checks.foldingLeavesOneRowPerStateAndTheSameCounts(new StateCounts(jdbc, tx));
	}

	@Test
	void foldingWhileOperationsChangeNeverLosesOrDoublesACount() throws Exception {
		checks.foldingWhileOperationsChangeNeverLosesOrDoublesACount(new StateCounts(jdbc, tx),
				new StateCounts(jdbc, tx));
	}
}
