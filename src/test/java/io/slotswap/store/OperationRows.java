package io.slotswap.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** Operations, their history and their idempotency keys, written as slotswap writes them, for retention tests. */
final class OperationRows {

	private final JdbcTemplate jdbc;

	OperationRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** An operation that ended at {@code completedAt}, requested an hour earlier with an idempotency key. */
	UUID finished(Instant completedAt) {
		return insert(null, completedAt.minus(Duration.ofHours(1)), completedAt, "SUCCEEDED");
	}

	/** An operation still running on {@code siteKey}, requested at {@code createdAt}. */
	UUID active(String siteKey, Instant createdAt) {
		return insert(siteKey, createdAt, null, "AWAITING_APPROVAL");
	}

	UUID insert(String activeSiteKey, Instant createdAt, Instant completedAt, String state) {
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

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
