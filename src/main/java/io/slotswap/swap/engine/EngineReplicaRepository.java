package io.slotswap.swap.engine;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface EngineReplicaRepository extends JpaRepository<EngineReplica, String> {

	@Modifying
	@Query("update EngineReplica r set r.heartbeatAt = :now where r.owner = :owner")
	int heartbeat(@Param("owner") String owner, @Param("now") Instant now);

	/** Replicas whose last heartbeat is after {@code since}. */
	long countByHeartbeatAtAfter(Instant since);

	/** Forgets replicas not seen for a long time (they stopped without saying so). */
	@Modifying
	@Query("delete from EngineReplica r where r.heartbeatAt < :before")
	int forgetSilentSince(@Param("before") Instant before);
}
