package io.slotswap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The moment between H2 making a commit visible and writing it to its file, held open by a long
 * {@code WRITE_DELAY}; {@code SHUTDOWN IMMEDIATELY} closes the database without writing, as a
 * {@code kill -9} would.
 */
class DurableReadsTest {

	@TempDir
	Path dir;

	@Test
	void aCommitAnotherSessionHasSeenIsLostByAKillWhenNothingWritesIt() throws SQLException {
		String url = committedButNotWritten();

		try (Connection reader = DriverManager.getConnection(url, "sa", "")) {
			assertThat(count(reader)).as("visible to another session").isEqualTo(1);
			kill(reader);
		}

		try (Connection restarted = DriverManager.getConnection(url, "sa", "")) {
			assertThat(count(restarted)).as("the window this guards against exists").isZero();
		}
	}

	@Test
	void aCommitAReadHasSeenSurvivesAKillOnceTheReadHasSettled() throws SQLException {
		String url = committedButNotWritten();

		try (Connection reader = DriverManager.getConnection(url, "sa", "")) {
			assertThat(count(reader)).isEqualTo(1);
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(reader, true);
			new DurableReads(dataSource).settle();
			kill(reader);
		}

		try (Connection restarted = DriverManager.getConnection(url, "sa", "")) {
			assertThat(count(restarted)).as("what the read saw is in the file").isEqualTo(1);
		}
	}

	@Test
	void anInMemoryDatabaseIsLookedAtOnceAndThenLeftAlone() throws SQLException {
		try (Connection memory = DriverManager.getConnection("jdbc:h2:mem:durable-reads", "sa", "")) {
			AtomicInteger borrowed = new AtomicInteger();
			DataSource dataSource = new DelegatingDataSource(new SingleConnectionDataSource(memory, true)) {
				@Override
				public Connection getConnection() throws SQLException {
					borrowed.incrementAndGet();
					return super.getConnection();
				}
			};
			DurableReads reads = new DurableReads(dataSource);
			reads.settle();
			reads.settle();
			reads.settle();
			assertThat(borrowed).as("one connection, to read the URL").hasValue(1);
		}
	}

	@Test
	void withoutADatabaseThereIsNothingToSettle() {
		new DurableReads((DataSource) null).settle();
	}

	/** A file database whose last commit (one row) is visible and not yet in the file. */
	private String committedButNotWritten() throws SQLException {
		String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=600000;DB_CLOSE_DELAY=-1";
		try (Connection writer = DriverManager.getConnection(url, "sa", "");
				Statement statement = writer.createStatement()) {
			statement.execute("CREATE TABLE t (id INT)");
			statement.execute("CHECKPOINT");
			statement.execute("INSERT INTO t VALUES (1)");
		}
		return url; // DB_CLOSE_DELAY=-1: the database stays open, unwritten, after the writer has gone
	}

	private static int count(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static void kill(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN IMMEDIATELY");
		}
	}
}
