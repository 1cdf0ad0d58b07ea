package io.slotswap.swap.engine;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One running engine (one slotswap process) and when it was last seen. */
@Entity
@Table(name = "engine_replica")
class EngineReplica {

	@Id
	private String owner;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	@Column(name = "heartbeat_at", nullable = false)
	private Instant heartbeatAt;

	protected EngineReplica() {
	}

	EngineReplica(String owner, Instant now) {
		this.owner = owner;
		this.startedAt = now;
		this.heartbeatAt = now;
	}

	Instant heartbeatAt() {
		return heartbeatAt;
	}
}
