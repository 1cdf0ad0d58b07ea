package io.slotswap.swap.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.slotswap.azure.LiveReplicas;
import io.slotswap.swap.EngineProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine replicas sharing the database: each writes a heartbeat every loop, so that a replica
 * taking over an operation can tell "the previous step ran on a live peer" (work simply moves
 * between replicas) from "it ran on a replica that stopped" (a resumption worth a history note).
 */
@Component
class Replicas implements LiveReplicas {

	private final EngineReplicaRepository replicas;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Duration silentAfter;

	/** Replicas heard from lately, as of the last heartbeat (this one until then). */
	private volatile int live = 1;

	Replicas(EngineReplicaRepository replicas, TransactionTemplate tx, Clock clock, EngineProperties properties) {
		this.replicas = replicas;
		this.tx = tx;
		this.clock = clock;
		Duration threePolls = properties.pollInterval().multipliedBy(3);
		this.silentAfter = threePolls.compareTo(Duration.ofSeconds(5)) > 0 ? threePolls : Duration.ofSeconds(5);
	}

	void register(String owner) {
		tx.executeWithoutResult(status -> replicas.save(new EngineReplica(owner, clock.instant())));
	}

	void heartbeat(String owner) {
		tx.executeWithoutResult(status -> {
			if (replicas.heartbeat(owner, clock.instant()) == 0) {
				replicas.save(new EngineReplica(owner, clock.instant()));
			}
			replicas.forgetSilentSince(clock.instant().minus(Duration.ofDays(1)));
			live = (int) Math.max(1, replicas.countByHeartbeatAtAfter(clock.instant().minus(silentAfter)));
		});
	}

	@Override
	public int count() {
		return live;
	}

	void deregister(String owner) {
		tx.executeWithoutResult(status -> replicas.deleteById(owner));
	}

	/** When {@code owner} was last seen, or null if it is gone or has been silent too long. */
	Instant lastSeenIfSilent(String owner) {
		Instant seen = replicas.findById(owner).map(EngineReplica::heartbeatAt).orElse(null);
		if (seen == null) {
			return Instant.EPOCH;
		}
		return seen.isBefore(clock.instant().minus(silentAfter)) ? seen : null;
	}
}
