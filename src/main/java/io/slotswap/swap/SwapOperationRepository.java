package io.slotswap.swap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Operations. Writes of state go through {@link SwapOperations#save}, which also writes the history. */
public interface SwapOperationRepository
		extends JpaRepository<SwapOperation, UUID>, JpaSpecificationExecutor<SwapOperation> {

	/** The active operation of a site, by its lower-cased key. */
	Optional<SwapOperation> findByActiveSiteKey(String activeSiteKey);

	List<SwapOperation> findByActiveSiteKeyIsNotNullOrderByCreatedAtAsc();

	/** Active operations whose next step is overdue (no replica is moving them). */
	List<SwapOperation> findByActiveSiteKeyIsNotNullAndNextRunAtBefore(Instant before);

	/** Active operations that entered one of {@code states} before {@code before}. */
	List<SwapOperation> findByActiveSiteKeyIsNotNullAndStateInAndStateEnteredAtBefore(
			java.util.Collection<SwapState> states, Instant before);

	/** Operations that ended with {@code errorCode} since {@code since}. */
	List<SwapOperation> findByErrorCodeAndCompletedAtAfter(String errorCode, Instant since);

	/** Swaps of a subscription that Azure is (or may be) running now, other than {@code id}. */
	@Query("select count(o) from SwapOperation o where lower(o.subscriptionId) = lower(:subscriptionId)"
			+ " and o.id <> :id and o.swapRequestedAt is not null"
			+ " and o.state in (io.slotswap.swap.SwapState.SWAPPING, io.slotswap.swap.SwapState.ROLLING_BACK)")
	long countSwapsInFlight(@Param("subscriptionId") String subscriptionId, @Param("id") UUID id);

	/** How many operations are in each state. */
	@Query("select o.state as state, count(o) as count from SwapOperation o group by o.state")
	List<StateCount> countByState();

	interface StateCount {

		SwapState getState();

		long getCount();
	}

	/** An operation due now, and who held its (expired) lease, if anyone. */
	interface Due {

		UUID getId();

		String getLeaseOwner();
	}

	/** Active operations due now whose lease is free or expired, the most overdue first. */
	@Query("""
			select o.id as id, o.leaseOwner as leaseOwner from SwapOperation o
			where o.activeSiteKey is not null and o.nextRunAt <= :now
			  and (o.leaseUntil is null or o.leaseUntil < :now)
			order by o.nextRunAt""")
	List<Due> findDue(@Param("now") Instant now, Limit limit);

	/**
	 * Takes the lease of one operation if it is still free or expired. A conditional update: on
	 * PostgreSQL and H2 alike only one of several concurrent claimers sees 1. It bumps the version,
	 * so that a replica whose lease expired can no longer save anything (fencing).
	 */
	@Modifying
	@Query("""
			update SwapOperation o set o.leaseOwner = :owner, o.leaseUntil = :until, o.version = o.version + 1
			where o.id = :id and o.activeSiteKey is not null
			  and (o.leaseUntil is null or o.leaseUntil < :now)""")
	int claim(@Param("id") UUID id, @Param("owner") String owner, @Param("until") Instant until,
			@Param("now") Instant now);

	/** Gives a lease back (after a step whose outcome could not be saved). */
	@Modifying
	@Query("update SwapOperation o set o.leaseOwner = null, o.leaseUntil = null where o.id = :id and o.leaseOwner = :owner")
	int release(@Param("id") UUID id, @Param("owner") String owner);

	/** Extends the lease of an operation whose step is still running here. */
	@Modifying
	@Query("update SwapOperation o set o.leaseUntil = :until where o.id = :id and o.leaseOwner = :owner")
	int renew(@Param("id") UUID id, @Param("owner") String owner, @Param("until") Instant until);

	/** The most recent operations of a site, newest first. */
	@Query("""
			select o from SwapOperation o
			where lower(o.subscriptionId) = lower(:subscriptionId) and lower(o.resourceGroup) = lower(:resourceGroup)
			  and lower(o.site) = lower(:site)
			order by o.createdAt desc""")
	List<SwapOperation> findLatestOfSite(@Param("subscriptionId") String subscriptionId,
			@Param("resourceGroup") String resourceGroup, @Param("site") String site, Limit limit);
}
