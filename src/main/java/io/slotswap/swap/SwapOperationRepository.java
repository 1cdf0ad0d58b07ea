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

	/** How many operations are active (served by the index over active rows). */
	long countByActiveSiteKeyIsNotNull();

	/** Of {@code ids}, those whose operation is in one of {@code states}: one query, however many ids. */
	@Query("select o.id from SwapOperation o where o.id in :ids and o.state in :states")
	List<UUID> findIdsInStates(@Param("ids") java.util.Collection<UUID> ids, @Param("states") java.util.Collection<SwapState> states);

	/** Active operations whose next step is overdue (no replica is moving them). */
	@Query("select o from SwapOperation o where o.activeSiteKey is not null and o.activeSiteKey > '' and o.progress.nextRunAt < :before")
	List<SwapOperation> findOverdue(@Param("before") Instant before);

	/** Active operations that entered one of {@code states} before {@code before}. */
	List<SwapOperation> findByActiveSiteKeyIsNotNullAndStateInAndStateEnteredAtBefore(
			java.util.Collection<SwapState> states, Instant before);

	/** Operations that ended with one of {@code errorCodes} since {@code since}. */
	@Query("select o from SwapOperation o where o.error.code in :codes and o.completedAt > :since")
	List<SwapOperation> findEndedWith(@Param("codes") java.util.Collection<String> errorCodes,
			@Param("since") Instant since);

	/** Swaps of a subscription that Azure is (or may be) running now, other than {@code id}. */
	@Query("select count(o) from SwapOperation o where o.where.subscriptionKey = lower(:subscriptionId)"
			+ " and o.id <> :id and o.intent.requestedAt is not null"
			+ " and o.state in :states")
	long countSwapsInFlight(@Param("subscriptionId") String subscriptionId, @Param("id") UUID id,
			@Param("states") java.util.Collection<SwapState> states);

	/** Swaps of a subscription that Azure is (or may be) running now, other than {@code id}. */
	default long countSwapsInFlight(String subscriptionId, UUID id) {
		return countSwapsInFlight(subscriptionId, id, SwapState.azureSideStates());
	}

	/**
	 * Makes the swaps of a subscription that wait for a turn (not sent yet) due at {@code now}: a turn
	 * has freed. The version is left alone, so a step holding one of them saves as usual.
	 */
	@Modifying
	@Query("update SwapOperation o set o.progress.nextRunAt = :now where o.where.subscriptionKey = lower(:subscriptionId)"
			+ " and o.state in :states and o.intent.requestedAt is null and o.progress.nextRunAt > :now")
	int dueNowWaitingForTurn(@Param("subscriptionId") String subscriptionId, @Param("now") Instant now,
			@Param("states") java.util.Collection<SwapState> states);

	/**
	 * How many operations are in each state, from the counts the database keeps ({@code swap_state_count}):
	 * a few rows, however long the history is.
	 */
	@Query(nativeQuery = true, value = "select state, sum(n) as count from swap_state_count group by state")
	List<StateCount> countByState();

	/** How many operations there are, from the same counts. */
	@Query(nativeQuery = true, value = "select coalesce(sum(n), 0) from swap_state_count")
	long countAll();

	/** How many operations are in {@code state}, from the same counts. */
	@Query(nativeQuery = true, value = "select coalesce(sum(n), 0) from swap_state_count where state = :#{#state.name()}")
	long countInState(@Param("state") SwapState state);

	interface StateCount {

		String getState();

		long getCount();
	}

	/**
	 * Active operations due now (by this replica's clock, {@code now}) whose lease is free or expired
	 * by the database's clock, the most overdue first: each row is {@code [id, lease_owner]}.
	 */
	@Query(nativeQuery = true, value = """
			select o.id, o.lease_owner from swap_operation o
			where o.active_site_key is not null and o.active_site_key > '' and o.next_run_at <= :now
			  and (o.lease_until is null or o.lease_until < current_timestamp)
			order by o.next_run_at
			limit :max""")
	List<Object[]> findDueRows(@Param("now") Instant now, @Param("max") int max);

	/** An operation due now, and who held its (expired) lease, if anyone. */
	record Due(UUID id, String leaseOwner) {
	}

	default List<Due> findDue(Instant now, int max) {
		return findDueRows(now, max).stream().map(row -> new Due(uuid(row[0]), (String) row[1])).toList();
	}

	/** A native query's uuid column: a {@link UUID} on PostgreSQL, 16 bytes on H2. */
	private static UUID uuid(Object column) {
		if (column instanceof UUID uuid) {
			return uuid;
		}
		if (column instanceof byte[] bytes && bytes.length == 16) {
			java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
			return new UUID(buffer.getLong(), buffer.getLong());
		}
		return UUID.fromString(String.valueOf(column));
	}

	/**
	 * Takes the lease of one operation if it is still free or expired, judged by the database's clock
	 * (never a replica's own): on PostgreSQL and H2 alike only one of several concurrent claimers sees
	 * 1. It bumps the version, so that a replica whose lease expired can no longer save anything
	 * (fencing).
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			update swap_operation set lease_owner = :owner,
			  lease_until = current_timestamp + cast(:seconds as integer) * interval '1' second, version = version + 1
			where id = :id and active_site_key is not null
			  and (lease_until is null or lease_until < current_timestamp)""")
	int claim(@Param("id") UUID id, @Param("owner") String owner, @Param("seconds") long leaseSeconds);

	/** Gives a lease back (after a step whose outcome was saved, or could not be). */
	@Modifying
	@Query("update SwapOperation o set o.leaseOwner = null, o.leaseUntil = null where o.id = :id and o.leaseOwner = :owner")
	int release(@Param("id") UUID id, @Param("owner") String owner);

	/**
	 * Extends the lease of an operation whose step is still running here, unless it has already
	 * expired by the database's clock (then another replica may own it: the step's save will fail).
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			update swap_operation set lease_until = current_timestamp + cast(:seconds as integer) * interval '1' second
			where id = :id and lease_owner = :owner and lease_until >= current_timestamp""")
	int renew(@Param("id") UUID id, @Param("owner") String owner, @Param("seconds") long leaseSeconds);

	/** Whether {@code owner} still holds a live lease on the operation, by the database's clock. */
	@Query(nativeQuery = true, value = """
			select count(*) from swap_operation
			where id = :id and lease_owner = :owner and lease_until > current_timestamp""")
	long holdsLease(@Param("id") UUID id, @Param("owner") String owner);

	/** The most recent operations of a site, newest first. */
	@Query("""
			select o from SwapOperation o
			where o.where.subscriptionKey = lower(:subscriptionId) and o.where.resourceGroupKey = lower(:resourceGroup)
			  and o.where.siteKey = lower(:site)
			order by o.createdAt desc""")
	List<SwapOperation> findLatestOfSite(@Param("subscriptionId") String subscriptionId,
			@Param("resourceGroup") String resourceGroup, @Param("site") String site, Limit limit);
}
