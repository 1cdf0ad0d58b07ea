package io.slotswap.swap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.ArmRequests;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.AzureProperties;
import io.slotswap.azure.SiteRef;
import io.slotswap.azure.SlotInfo;
import io.slotswap.store.DurableReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts, reads and cancels swap operations. The engine moves them afterwards; this service
 * never waits for Azure beyond the existence checks of a new request.
 */
@Service
public class SwapService {

	private static final Logger log = LoggerFactory.getLogger(SwapService.class);

	private static final Duration AZURE_RETRY_AFTER = Duration.ofSeconds(5);

	/** The caller when no security is configured. */

	private final SwapOperationRepository operations;

	private final SwapEventRepository events;

	private final IdempotencyRepository idempotencyKeys;

	private final SwapOperations store;

	private final AppServiceGateway gateway;

	private final SwapSettings settings;

	private final AzureProperties azure;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher publisher;

	private final JsonMapper json;

	private final EngineProperties engine;

	private final Clock clock;

	private final DurableReads durableReads;

	SwapService(SwapOperationRepository operations, SwapEventRepository events,
			IdempotencyRepository idempotencyKeys, SwapOperations store, AppServiceGateway gateway,
			SwapSettings settings, AzureProperties azure, TransactionTemplate tx, ApplicationEventPublisher publisher,
			JsonMapper json, EngineProperties engine, Clock clock, DurableReads durableReads) {
		this.operations = operations;
		this.events = events;
		this.idempotencyKeys = idempotencyKeys;
		this.store = store;
		this.gateway = gateway;
		this.settings = settings;
		this.azure = azure;
		this.tx = tx;
		this.publisher = publisher;
		this.json = json;
		this.engine = engine;
		this.clock = clock;
		this.durableReads = durableReads;
	}

	/** The outcome of a request: the operation, and whether it is a replay of an earlier one. */
	public record Accepted(SwapOperation operation, boolean replayed) {
	}

	/**
	 * Accepts a swap: checks the site and slots exist (through the gateway), then persists the
	 * operation in {@code PENDING}; the database's unique active-site key refuses a second active
	 * swap of the same site from any replica.
	 */
	public Accepted request(SwapRequest request, Actor actor, String idempotencyKey) {
		for (int attempt = 1;; attempt++) {
			try {
				return requestOnce(request, actor, idempotencyKey);
			}
			catch (ActiveSwapEndedMeanwhile raced) {
				if (attempt >= 3) {
					throw new SwapExceptions.SiteBusy(null, request.resourceGroup() + "/" + request.site());
				}
			}
		}
	}

	/** The insert hit the active-site key, but the active swap ended before we could name it. */
	private static final class ActiveSwapEndedMeanwhile extends RuntimeException {

		ActiveSwapEndedMeanwhile() {
			super(null, null, false, false);
		}
	}

	private Accepted requestOnce(SwapRequest request, Actor actor, String idempotencyKey) {
		String targetSlot = request.targetSlot() == null ? SlotInfo.PRODUCTION : request.targetSlot();
		if (request.sourceSlot().equalsIgnoreCase(targetSlot)) {
			throw new SwapExceptions.InvalidRequest("targetSlot", "must differ from sourceSlot");
		}
		String requestHash = idempotencyKey == null ? null : hash(request);
		if (idempotencyKey != null) {
			Optional<Accepted> replay = replay(actor, idempotencyKey, requestHash);
			if (replay.isPresent()) {
				return replay.get();
			}
		}
		String subscriptionId = request.subscriptionId() == null ? azure.defaultSubscriptionId()
				: request.subscriptionId();
		SiteRef asked = new SiteRef(subscriptionId, request.resourceGroup(), request.site());
		settings.checkRequester(asked, targetSlot, actor);
		// One read when the target is production (a slot that exists proves its site does), two otherwise;
		// VALIDATING reads what the swap needs again, right before it.
		SlotInfo source;
		String target;
		int lookups;
		try (ArmRequests.Tally tally = ArmRequests.counting()) {
			source = existingSlot(asked, request.sourceSlot());
			target = !source.isProduction() && SlotInfo.PRODUCTION.equalsIgnoreCase(targetSlot) ? SlotInfo.PRODUCTION
					: existingSlot(asked, targetSlot).name();
			lookups = tally.requests();
		}
		SiteRef site = new SiteRef(subscriptionId, source.resourceGroup(), source.siteName());

		SwapSettings.Effective effective = settings.resolve(site, target, request.warmup(),
				request.verification());
		SwapOperation operation = SwapOperation.request(UUID.randomUUID(), site, source.name(), target,
				request.mode() == null ? SwapMode.SWAP : request.mode(),
				request.preserveVnet() == null || request.preserveVnet(), effective.warmup(), effective.verification(),
				effective.requireApproval(), effective.approvalTimeout(), request.reason(), actor, clock.instant());
		operation.countArmRequests(lookups);
		try {
			SwapOperation saved = tx.execute(status -> {
				SwapOperation persisted = store.save(operation);
				if (idempotencyKey != null) {
					idempotencyKeys.saveAndFlush(new IdempotencyRecord(actor.name(), idempotencyKey, requestHash,
							persisted.getId(), clock.instant()));
				}
				publisher.publishEvent(new SwapWorkAvailable(persisted.getId()));
				return persisted;
			});
			log.info("Swap {} accepted: {} {} -> {} by {}", saved.getId(), site, saved.getSourceSlot(),
					saved.getTargetSlot(), actor.name());
			return new Accepted(saved, false);
		}
		catch (DataIntegrityViolationException conflict) {
			if (idempotencyKey != null) {
				Optional<Accepted> replay = replay(actor, idempotencyKey, requestHash);
				if (replay.isPresent()) {
					return replay.get();
				}
			}
			Optional<SwapOperation> active = operations.findByActiveSiteKey(site.key());
			if (active.isPresent()) {
				throw new SwapExceptions.SiteBusy(active.get().getId(), site.resourceGroup() + "/" + site.site());
			}
			throw new ActiveSwapEndedMeanwhile();
		}
	}

	private Optional<Accepted> replay(Actor actor, String idempotencyKey, String requestHash) {
		return idempotencyKeys.findById(new IdempotencyRecord.Key(actor.name(), idempotencyKey)).map(existing -> {
			if (!existing.requestHash().equals(requestHash)) {
				throw new SwapExceptions.IdempotencyKeyReused(existing.operationId());
			}
			return new Accepted(get(existing.operationId()), true);
		});
	}

	private SlotInfo existingSlot(SiteRef site, String slot) {
		try {
			return gateway.slot(site, slot);
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				boolean siteExists = !SlotInfo.PRODUCTION.equalsIgnoreCase(slot) && siteExists(site);
				if (siteExists) {
					throw new SwapExceptions.SiteOrSlotNotFound(SwapError.SLOT_NOT_FOUND,
							"Slot '" + slot + "' does not exist on site " + site.resourceGroup() + "/" + site.site());
				}
				throw new SwapExceptions.SiteOrSlotNotFound(SwapError.SITE_NOT_FOUND,
						"Site " + site.resourceGroup() + "/" + site.site() + " does not exist in subscription "
								+ site.subscriptionId());
			}
			throw unavailable(e);
		}
	}

	private boolean siteExists(SiteRef site) {
		try {
			gateway.slot(site, SlotInfo.PRODUCTION);
			return true;
		}
		catch (AzureException e) {
			if (e.kind() == AzureException.Kind.NOT_FOUND) {
				return false;
			}
			throw unavailable(e);
		}
	}

	private RuntimeException unavailable(AzureException e) {
		if (e.isTransient()) {
			Duration retryAfter = e.retryAfter() != null ? e.retryAfter() : AZURE_RETRY_AFTER;
			return new SwapExceptions.AzureUnavailable(
					"Azure Resource Manager cannot be reached now; nothing was changed. Try again later.", retryAfter);
		}
		return new SwapExceptions.AzureUnavailable("Azure Resource Manager refused the lookup (" + e.code()
				+ "); nothing was changed.", AZURE_RETRY_AFTER);
	}

	private static String lower(String name) {
		return name == null ? null : name.toLowerCase(Locale.ROOT);
	}

	/** One operation. */
	public SwapOperation get(UUID id) {
		SwapOperation operation = find(id);
		durableReads.settle();
		return operation;
	}

	private SwapOperation find(UUID id) {
		return operations.findById(id).orElseThrow(() -> new SwapExceptions.OperationNotFound(id));
	}

	/** Of {@code ids}, those whose operation has ended (one read, however many ids). */
	public Set<UUID> endedAmong(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		Set<UUID> ended = Set.copyOf(operations.findIdsInStates(ids, SwapState.terminalStates()));
		durableReads.settle();
		return ended;
	}

	/** A filter of {@link #list}: every field optional; names compare case-insensitively. */
	public record Filter(String subscriptionId, String resourceGroup, String site, SwapState state, Boolean active) {
	}

	/** Operations matching the filter, newest first. */
	public Page<SwapOperation> list(Filter filter, Pageable page) {
		Specification<SwapOperation> spec = (root, query, cb) -> cb.conjunction();
		spec = spec.and(equalsIgnoringCase("subscriptionKey", filter.subscriptionId()))
			.and(equalsIgnoringCase("resourceGroupKey", filter.resourceGroup()))
			.and(equalsIgnoringCase("siteKey", filter.site()));
		if (filter.state() != null) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("state"), filter.state()));
		}
		if (filter.active() != null) {
			spec = spec.and((root, query, cb) -> filter.active() ? cb.isNotNull(root.get("activeSiteKey"))
					: cb.isNull(root.get("activeSiteKey")));
		}
		if (filter.subscriptionId() != null || filter.resourceGroup() != null || filter.site() != null
				|| filter.active() != null) {
			Page<SwapOperation> found = operations.findAll(spec, page); // counted through the filter's index
			durableReads.settle();
			return found;
		}
		// the whole history or one state of it: counted from the counts the database keeps
		List<SwapOperation> content = operations.findBy(spec, query -> query.slice(page)).getContent();
		Page<SwapOperation> found = PageableExecutionUtils.getPage(content, page,
				() -> filter.state() == null ? operations.countAll() : operations.countInState(filter.state()));
		durableReads.settle();
		return found;
	}

	private static Specification<SwapOperation> equalsIgnoringCase(String attribute, String value) {
		if (value == null) {
			return (root, query, cb) -> cb.conjunction();
		}
		// the *Key columns hold the lower-cased names (generated by the database, indexed)
		return (root, query, cb) -> cb.equal(root.get("where").get(attribute), value.toLowerCase(Locale.ROOT));
	}

	/** A filter of {@link #audit}: every field optional; names compare case-insensitively. */
	public record AuditFilter(String actor, String subscriptionId, String resourceGroup, String site, EventType type,
			Instant from, Instant to) {
	}

	/**
	 * The audit trail across operations ("who touched production last month"), in the order of
	 * {@code page}. Site filters go through the operation's indexed key columns.
	 */
	public Page<SwapEvent> audit(AuditFilter filter, Pageable page) {
		Specification<SwapEvent> spec = (root, query, cb) -> cb.conjunction();
		if (filter.actor() != null) {
			spec = spec.and((root, query, cb) -> cb.equal(cb.lower(root.get("actor")),
					filter.actor().toLowerCase(Locale.ROOT)));
		}
		if (filter.type() != null) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("type"), filter.type()));
		}
		if (filter.from() != null) {
			spec = spec.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("at"), filter.from()));
		}
		if (filter.to() != null) {
			spec = spec.and((root, query, cb) -> cb.lessThan(root.get("at"), filter.to()));
		}
		if (filter.subscriptionId() != null || filter.resourceGroup() != null || filter.site() != null) {
			Specification<SwapOperation> where = equalsIgnoringCase("subscriptionKey", filter.subscriptionId())
				.and(equalsIgnoringCase("resourceGroupKey", filter.resourceGroup()))
				.and(equalsIgnoringCase("siteKey", filter.site()));
			spec = spec.and((root, query, cb) -> {
				var operation = query.subquery(UUID.class);
				var o = operation.from(SwapOperation.class);
				operation.select(o.get("id"))
					.where(cb.equal(o.get("id"), root.get("operationId")), where.toPredicate(o, query, cb));
				return cb.exists(operation);
			});
		}
		Page<SwapEvent> found = events.findAll(spec, page);
		durableReads.settle();
		return found;
	}

	/** A filter of {@link #history}: every field optional. */
	public record EventFilter(EventType type, String actor, Channel channel) {
	}

	/** An operation's history, oldest first. */
	public List<SwapEvent> history(UUID id, EventFilter filter) {
		find(id);
		List<SwapEvent> history = events.findByOperationIdOrderByIdAsc(id)
			.stream()
			.filter(e -> filter.type() == null || e.getType() == filter.type())
			.filter(e -> filter.actor() == null || e.getActor().equalsIgnoreCase(filter.actor()))
			.filter(e -> filter.channel() == null || e.getChannel() == filter.channel())
			.toList();
		durableReads.settle();
		return history;
	}

	/**
	 * Cancels an operation that has not reached SWAPPING (awaiting approval: a rejection). Where no
	 * clean-up in Azure is needed the operation is CANCELLED at once; otherwise (a prepared preview)
	 * the engine cancels it at its next step, resetting the slot first.
	 */
	public SwapOperation cancel(UUID id, Actor actor) {
		return act(id, operation -> {
			settings.checkCanceller(operation.siteRef(), operation.getTargetSlot(), actor);
			operation.cancel(actor, clock.instant());
		});
	}

	/** Rejects an operation awaiting approval, for a caller who may approve but not cancel. */
	public SwapOperation reject(UUID id, Actor approver) {
		return act(id, operation -> {
			settings.checkApprover(operation.siteRef(), operation.getTargetSlot(), approver);
			operation.reject(approver, clock.instant());
		});
	}

	/** Approves an operation awaiting approval: it moves on to SWAPPING (the aggregate's rules apply). */
	public SwapOperation approve(UUID id, Actor approver) {
		return act(id, operation -> {
			settings.checkApprover(operation.siteRef(), operation.getTargetSlot(), approver);
			operation.approve(approver, clock.instant());
		});
	}

	/**
	 * Asks the engine to settle an operation stuck in SWAPPING or ROLLING_BACK past
	 * {@code swap-report-after} on what Azure says, at once.
	 */
	public SwapOperation reconcile(UUID id, Actor admin) {
		return act(id, operation -> operation.requestReconcile(admin, engine.swapReportAfter(), clock.instant()));
	}

	/** Finds the operation, calls one transition, saves, wakes the engine; retried when it raced. */
	private SwapOperation act(UUID id, java.util.function.Consumer<SwapOperation> transition) {
		return retryingOnRace(() -> tx.execute(status -> {
			SwapOperation operation = get(id);
			transition.accept(operation);
			SwapOperation saved = store.save(operation);
			publisher.publishEvent(new SwapWorkAvailable(id));
			return saved;
		}));
	}

	/**
	 * Swaps back what operation {@code id} swapped: a new operation, linked both ways. Allowed only
	 * for the latest operation of the site whose swap is in effect (SUCCEEDED, or FAILED after the
	 * swap), and only once (the aggregate decides).
	 */
	public SwapOperation rollback(UUID id, Actor actor) {
		try {
			return retryingOnRace(() -> tx.execute(status -> {
				SwapOperation original = get(id);
				settings.checkRequester(original.siteRef(), original.getTargetSlot(), actor);
				SwapOperation latest = operations
					.findLatestOfSite(original.getSubscriptionId(), original.getResourceGroup(), original.getSite(),
							Limit.of(50))
					.stream()
					.filter(op -> op.isSlotsChanged() || !op.getState().isTerminal())
					.findFirst()
					.orElse(original);
				SwapOperation rollback = original.rollback(UUID.randomUUID(), latest, actor, clock.instant());
				SwapOperation saved = store.save(rollback);
				store.save(original);
				publisher.publishEvent(new SwapWorkAvailable(saved.getId()));
				return saved;
			}));
		}
		catch (DataIntegrityViolationException busy) {
			SwapOperation original = get(id);
			SiteRef site = original.siteRef();
			UUID active = operations.findByActiveSiteKey(site.key()).map(SwapOperation::getId).orElse(null);
			throw new SwapExceptions.SiteBusy(active, site.resourceGroup() + "/" + site.site());
		}
	}

	private <T> T retryingOnRace(java.util.function.Supplier<T> action) {
		for (int attempt = 1;; attempt++) {
			try {
				return action.get();
			}
			catch (OptimisticLockingFailureException raced) {
				if (attempt >= 5) {
					throw raced;
				}
			}
		}
	}

	private String hash(SwapRequest request) {
		try {
			SwapRequest canonicalNames = new SwapRequest(lower(request.subscriptionId()), lower(request.resourceGroup()),
					lower(request.site()), lower(request.sourceSlot()), lower(request.targetSlot()), request.mode(),
					request.preserveVnet(), request.warmup(), request.verification(), request.reason());
			byte[] canonical = json.writeValueAsBytes(canonicalNames);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
