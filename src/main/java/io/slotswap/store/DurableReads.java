package io.slotswap.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes what a read has just seen durable before it is shown, on an H2 file database.
 * <p>
 * H2 makes a commit visible to other sessions first and writes it to its file a moment later (the
 * committing thread does both, in that order, even with {@code WRITE_DELAY=0}). An answer that shows a
 * transition read in that moment, followed by a {@code kill -9}, would show a state the next start
 * does not have. {@link #settle()} closes that gap: H2's {@code CHECKPOINT} waits for a write in
 * progress, or writes what is committed but not yet written; when nothing is pending it costs a lock
 * and returns. PostgreSQL makes a commit visible only after its WAL record is flushed, and in-memory
 * databases lose everything anyway: for them this does nothing.
 */
@Component
public class DurableReads {

	private static final Logger log = LoggerFactory.getLogger(DurableReads.class);

	private final DataSource dataSource;

	/** Null until the first read tells which database this is; then whether it is an H2 file. */
	private volatile Boolean h2File;

	/** The emulator's own process has no database: then this does nothing. */
	@Autowired
	DurableReads(ObjectProvider<DataSource> dataSource) {
		this(dataSource.getIfAvailable());
	}

	DurableReads(DataSource dataSource) {
		this.dataSource = dataSource;
		this.h2File = dataSource == null ? Boolean.FALSE : null;
	}

	/**
	 * Called after a read and before its result is shown. Outside a transaction only: a transaction's
	 * own commit makes its reads and writes durable.
	 */
	public void settle() {
		if (Boolean.FALSE.equals(h2File) || TransactionSynchronizationManager.isActualTransactionActive()) {
			return;
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			if (h2File == null) {
				h2File = H2Durability.isEmbeddedFile(connection.getMetaData().getURL());
				if (!h2File) {
					return;
				}
			}
			try (Statement checkpoint = connection.createStatement()) {
				checkpoint.execute("CHECKPOINT");
			}
		}
		catch (SQLException e) {
			if (e.getErrorCode() == ADMIN_RIGHTS_REQUIRED) {
				h2File = false;
				log.warn("The H2 user is not an admin, so answers cannot wait for H2 to write what they show; "
						+ "a kill -9 within milliseconds of an answer may lose its last transition");
			}
			else {
				log.debug("H2 checkpoint after a read failed ({})", e.getErrorCode());
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** H2's {@code ErrorCode.ADMIN_RIGHTS_REQUIRED}. */
	static final int ADMIN_RIGHTS_REQUIRED = 90040;
}
