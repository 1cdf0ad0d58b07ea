package io.slotswap.swap;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An {@code Idempotency-Key} of a caller, the hash of the request it came with, and its operation. */
@Entity
@Table(name = "idempotency_key")
class IdempotencyRecord {

	@EmbeddedId
	private Key id;

	@Column(name = "request_hash", nullable = false)
	private String requestHash;

	@Column(name = "operation_id", nullable = false)
	private UUID operationId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected IdempotencyRecord() {
	}

	IdempotencyRecord(String principal, String key, String requestHash, UUID operationId, Instant createdAt) {
		this.id = new Key(principal, key);
		this.requestHash = requestHash;
		this.operationId = operationId;
		this.createdAt = createdAt;
	}

	String requestHash() {
		return requestHash;
	}

	UUID operationId() {
		return operationId;
	}

	@Embeddable
	static class Key implements Serializable {

		@Column(name = "principal", nullable = false)
		private String principal;

		@Column(name = "idem_key", nullable = false)
		private String key;

		protected Key() {
		}

		Key(String principal, String key) {
			this.principal = principal;
			this.key = key;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key that && principal.equals(that.principal) && key.equals(that.key);
		}

		@Override
		public int hashCode() {
			return Objects.hash(principal, key);
		}
	}
}
