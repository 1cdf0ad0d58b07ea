package io.slotswap.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what {@link RetentionProperties} no longer keeps: idempotency keys by age, and, when
 * {@code slotswap.retention.operations} is set, finished operations with their history and keys.
 * <p>
 * Plain SQL in batches of {@value #BATCH} operations or keys, each batch its own short transaction,
 * history and keys before their operation (foreign keys). Active operations are never touched, nor
 * a finished one that a rollback still stored refers to: the rollback goes first, its original in a
 * later batch, so that no stored rollback names an operation that is gone. On PostgreSQL each batch
 * locks its rows with {@code FOR UPDATE SKIP LOCKED}, so that replicas purging at the same time take
 * different rows instead of waiting for each other; an embedded H2 has one process only.
 */
@Component
@Profile("!emulator")
class Retention implements SmartLifecycle {

	static final int BATCH = 1_000;

	private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate tx;

	private final RetentionProperties properties;

	private final Clock clock;

	private volatile String lockRows;

	private volatile boolean stopping;

	private ScheduledExecutorService scheduler;

	Retention(JdbcTemplate jdbc, TransactionTemplate tx, RetentionProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.tx = tx;
		this.properties = properties;
		this.clock = clock;
	}

	/** What one purge deleted. */
	record Purged(int operations, int idempotencyKeys) {
	}

	/** Deletes everything past its retention now, batch by batch. */
	Purged purge() {
		Instant now = clock.instant();
		int operations = 0;
		if (properties.operations() != null) {
			OffsetDateTime endedBefore = utc(now.minus(properties.operations()));
			operations = inBatches(() -> purgeOperations(endedBefore));
		}
		OffsetDateTime usedBefore = utc(now.minus(properties.idempotencyKeys()));
		int keys = inBatches(() -> purgeIdempotencyKeys(usedBefore));
		return new Purged(operations, keys);
	}

	/** One batch: the rows it found (a full batch means there may be more) and those it deleted. */
	private record Batch(int found, int deleted) {
	}

	private int inBatches(Supplier<Batch> oneBatch) {
		int deleted = 0;
		Batch batch;
		do {
			batch = tx.execute(status -> oneBatch.get());
			deleted += batch.deleted();
		}
		while (batch.found() > 0 && !stopping); // until a batch finds nothing: a rollback's original follows it
		return deleted;
	}

	/**
	 * One batch of finished operations. {@code completed_at} is set by the terminal transition, which
	 * also clears {@code active_site_key}; the second condition is a safeguard, written so that H2
	 * keeps reading {@code ix_swap_operation_completed} (with "is null" it scans the unique index).
	 * {@code > ''} lets H2 find the active rows through their unique index.
	 */
	private Batch purgeOperations(OffsetDateTime endedBefore) {
		List<UUID> ids = jdbc.queryForList("""
				select id from swap_operation
				where completed_at < ? and coalesce(active_site_key, '') = ''
				  and not exists (select 1 from swap_operation r where r.rollback_of = swap_operation.id)
				order by completed_at
				fetch first %d rows only""".formatted(BATCH) + lockRows(), UUID.class, endedBefore);
		if (ids.isEmpty()) {
			return new Batch(0, 0);
		}
		Map<String, List<UUID>> batch = Map.of("ids", ids);
		named.update("delete from swap_event where operation_id in (:ids)", batch);
		named.update("delete from idempotency_key where operation_id in (:ids)", batch);
		named.update("delete from notification where operation_id in (:ids)", batch);
		return new Batch(ids.size(), named
			.update("delete from swap_operation where id in (:ids) and coalesce(active_site_key, '') = ''", batch));
	}

	/** One batch of idempotency keys used before {@code usedBefore}, except those of active operations. */
	private Batch purgeIdempotencyKeys(OffsetDateTime usedBefore) {
		List<Object[]> keys = jdbc.query("""
				select principal, idem_key from idempotency_key k
				where created_at < ?
				  and not exists (select 1 from swap_operation o
				                  where o.id = k.operation_id and o.active_site_key is not null)
				order by created_at
				fetch first %d rows only""".formatted(BATCH) + lockRows(),
				(row, n) -> new Object[] { row.getString(1), row.getString(2) }, usedBefore);
		if (keys.isEmpty()) {
			return new Batch(0, 0);
		}
		int[][] counts = jdbc.batchUpdate("delete from idempotency_key where principal = ? and idem_key = ?", keys,
				BATCH, (statement, key) -> {
					statement.setString(1, (String) key[0]);
					statement.setString(2, (String) key[1]);
				});
		int deleted = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				deleted += Math.max(count, 0); // a driver may answer SUCCESS_NO_INFO (-2)
			}
		}
		return new Batch(keys.size(), deleted);
	}

	private String lockRows() {
		String lock = lockRows;
		if (lock == null) {
			String database = jdbc.execute(
					(ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
			lock = "PostgreSQL".equalsIgnoreCase(database) ? " for update skip locked" : "";
			lockRows = lock;
		}
		return lock;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private void purgeQuietly() {
		try {
			Purged purged = purge();
			if (purged.operations() > 0 || purged.idempotencyKeys() > 0) {
				log.info("Retention: deleted {} finished operations (with their history) and {} idempotency keys",
						purged.operations(), purged.idempotencyKeys());
			}
		}
		catch (DataAccessException e) {
			log.warn("Retention: purge stopped ({}); trying again in {}", e.getMostSpecificCause().getClass().getSimpleName(),
					properties.purgeInterval());
		}
		catch (RuntimeException e) {
			log.warn("Retention: purge failed; trying again in {}", properties.purgeInterval(), e);
		}
	}

	@Override
	public void start() {
		stopping = false;
		scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "slotswap-retention");
			thread.setDaemon(true);
			return thread;
		});
		long first = Math.min(FIRST_RUN_AFTER.toMillis(), properties.purgeInterval().toMillis());
		scheduler.scheduleWithFixedDelay(this::purgeQuietly, first, properties.purgeInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		log.info("Retention: idempotency keys {}, finished operations {}, purged every {}", properties.idempotencyKeys(),
				properties.operations() == null ? "kept" : properties.operations(), properties.purgeInterval());
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = scheduler;
		scheduler = null;
		stopping = true;
		if (running != null) {
			// no interrupt: H2 closes its file when a thread is interrupted in the middle of a write;
			// a running purge ends after its current batch
			running.shutdown();
			try {
				running.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}
}
