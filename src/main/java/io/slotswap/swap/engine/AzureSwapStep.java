package io.slotswap.swap.engine;

import java.time.Duration;
import java.time.Instant;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.SlotSwapStatus;
import io.slotswap.azure.SwapProgress;
import io.slotswap.swap.Actor;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapIntent;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;

/**
 * The exactly-once swap shared by SWAPPING and ROLLING_BACK:
 * <ol>
 * <li>persist "swap requested at T, last swap of the two slots S, sent once more" <em>before</em> the
 * POST (a checkpoint that also proves this replica still holds a live lease);</li>
 * <li>send it once (the gateway's pipeline never re-sends it) and persist Azure's polling URL; poll
 * it, one poll per step, paced by {@code Retry-After};</li>
 * <li>without a polling URL (a restart after sending, an answer that was lost, a polling URL Azure no
 * longer knows) reconcile first: a newer {@code slotSwapStatus} of the same pair on either slot means
 * the swap happened and is never sent again; after a lost answer the slots are watched for
 * {@code lost-answer-wait} before the swap is sent again, and Azure's 409 "another operation is in
 * progress" then means wait (and watch) again.</li>
 * </ol>
 * Only Azure's word ends these states: a poll saying our swap failed, or a definite refusal of the
 * POST. Every other error while following a swap means wait, then reconcile; past a generous deadline
 * the operation is reported, never failed by a timer.
 */
abstract class AzureSwapStep implements StepHandler {

	private static final Duration DEFAULT_POLL_DELAY = Duration.ofSeconds(1);

	private final AppServiceGateway gateway;

	private final SwapEvidence evidence;

	private final EngineProperties properties;

	private final SwapOperationRepository operations;

	AzureSwapStep(AppServiceGateway gateway, SwapEvidence evidence, EngineProperties properties,
			SwapOperationRepository operations) {
		this.gateway = gateway;
		this.evidence = evidence;
		this.properties = properties;
		this.operations = operations;
	}

	@Override
	public StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		if (now.isAfter(op.getStateEnteredAt().plus(properties.swapReportAfter()))) {
			op.markStuckReported(properties.swapReportAfter(), now);
		}
		SwapIntent intent = op.getIntent();
		try {
			if (!intent.recorded()) {
				if (waitingForTurn(op, now)) {
					// woken when a turn frees (Turns); the re-check is only a safety net
					return StepOutcome.waitUntil(now.plus(TURN_RECHECK));
				}
				op.recordSwapIntent(evidence.lastSwapOfPair(op), now);
				return send(step);
			}
			if (intent.pollUrl() != null) {
				Instant due = op.getNextRunAt();
				return follow(step, gateway.pollSwap(intent.pollUrl()), due);
			}
			SlotSwapStatus seen = evidence.swapOf(op);
			if (seen != null) {
				return completed("Azure's slotSwapStatus shows the swap done at " + seen.timestampUtc()
						+ "; not sending it again");
			}
			if (intent.answerLostAt() == null) {
				op.swapAnswerLost("no answer of Azure's is known for the swap sent at " + intent.requestedAt()
						+ " (a restart after sending it)", now);
				return watch(op, now);
			}
			if (intent.answerLostAt() != null && now.isBefore(intent.answerLostAt().plus(properties.lostAnswerWait()))) {
				return watch(op, now);
			}
			return send(step);
		}
		catch (AzureException e) {
			return whileFollowing(step, e);
		}
	}

	/** Watching the slots' status after a lost answer, before anything is sent again. */
	private StepOutcome watch(SwapOperation op, Instant now) {
		Instant until = op.getIntent().answerLostAt().plus(properties.lostAnswerWait());
		op.note("Watching the slots' slotSwapStatus for the swap whose answer was lost, until " + until
				+ "; the swap is sent again only if Azure shows no trace of it by then", Actor.ENGINE, now);
		Instant next = now.plus(properties.retryDelay());
		return StepOutcome.waitUntil(next.isAfter(until) ? until : next);
	}

	private StepOutcome send(Step step) {
		SwapOperation op = step.operation();
		op.swapSending(step.now());
		step.checkpoint();
		op = step.operation();
		SwapProgress progress;
		try {
			progress = gateway.startSwap(op.siteRef(), op.getSourceSlot(), op.getTargetSlot(), op.isPreserveVnet(),
					step::ensureLeaseStillOurs);
		}
		catch (AzureException e) {
			return sendFailed(step, e);
		}
		return follow(step, progress, null);
	}

	private StepOutcome sendFailed(Step step, AzureException e) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		switch (e.kind()) {
			case AMBIGUOUS -> {
				op.swapAnswerLost(e.getMessage(), now);
				return StepOutcome.waitUntil(now.plus(properties.retryDelay()));
			}
			case BUSY -> {
				if (op.getIntent().answerLostAt() != null) {
					// an earlier send of ours, whose answer was lost, may be what keeps the site busy
					op.swapAnswerLost("Azure reports another operation in progress on the site, possibly this swap "
							+ "sent before", now);
					return StepOutcome.waitUntil(now.plus(properties.retryDelay()));
				}
				op.swapNotAccepted(now);
				op.note("Azure reports another operation in progress on the site; waiting for it before swapping",
						Actor.ENGINE, now);
				return StepOutcome.waitUntil(now.plus(properties.backoff(op.countAttempt(), e.retryAfter())));
			}
			case REFUSED, NOT_FOUND -> {
				if (op.getIntent().answerLostAt() != null) {
					SlotSwapStatus seen = evidence.swapOf(op);
					if (seen != null) {
						return completed("Azure's slotSwapStatus shows the swap done at " + seen.timestampUtc());
					}
				}
				int attempt = op.countAttempt();
				if (attempt >= properties.maxRefusals()) {
					return refused(e.code(), e.getMessage());
				}
				op.note("Azure refused the swap (" + e.code() + ": " + e.getMessage() + "); nothing was swapped, "
						+ "trying again (at most " + properties.maxRefusals() + " tries)", Actor.ENGINE, now);
				op.swapNotAccepted(now);
				return StepOutcome.waitUntil(now.plus(properties.backoff(attempt, e.retryAfter())));
			}
			default -> {
				// THROTTLED or UNAVAILABLE: Azure did not take this send; send it again later
				op.swapNotAccepted(now);
				return StepOutcome.retry(e, "sending the swap");
			}
		}
	}

	/**
	 * @param pollDue when the poll that brought {@code progress} was due; {@code null} for the POST's
	 *        own answer
	 */
	private StepOutcome follow(Step step, SwapProgress progress, Instant pollDue) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		switch (progress.status()) {
			case RUNNING -> {
				op.swapAccepted(progress.pollUrl(), now);
				Duration delay = progress.retryAfter() != null ? progress.retryAfter() : DEFAULT_POLL_DELAY;
				return StepOutcome.waitUntil(nextPoll(pollDue, delay, now));
			}
			case SUCCEEDED -> {
				return completed("Azure completed the swap");
			}
			default -> {
				Duration delay = properties.backoff(op.getSwapRetries() + 1, null);
				if (progress.retryable() && op.retrySwapAfterTransientFailure(progress.errorCode(),
						progress.errorMessage(), properties.maxSwapRetries(), delay, now)) {
					return StepOutcome.waitUntil(now.plus(delay));
				}
				String code = progress.errorCode();
				String message = progress.errorMessage();
				return StepOutcome.advanceAfterPreviewReset(
						(operation, at) -> operation.azureFailedSwap(code, message, at));
			}
		}
	}

	/**
	 * The next poll keeps to the rhythm Azure asked for: {@code Retry-After} after the POST's answer,
	 * then {@code Retry-After} after the time each poll was due, so the engine's own time per poll
	 * (the wake, the claim, the round trip) does not add up over a long swap. A poll that ran late
	 * (a busy engine, a restart) starts the rhythm again from its answer; two polls are never closer
	 * than half of {@code Retry-After}.
	 */
	static Instant nextPoll(Instant pollDue, Duration retryAfter, Instant now) {
		Instant fromAnswer = now.plus(retryAfter);
		if (pollDue == null || pollDue.isAfter(now) || !pollDue.plus(retryAfter).isAfter(now)) {
			return fromAnswer;
		}
		Instant onRhythm = pollDue.plus(retryAfter);
		Instant soonest = now.plus(retryAfter.dividedBy(2));
		return onRhythm.isBefore(soonest) ? soonest : onRhythm;
	}

	/** An error while following an accepted (or possibly accepted) swap: wait and reconcile, never fail. */
	private StepOutcome whileFollowing(Step step, AzureException e) {
		SwapOperation op = step.operation();
		Instant now = step.now();
		boolean unusableUrl = e.kind() == AzureException.Kind.NOT_FOUND || "InvalidPollUrl".equals(e.code());
		if (unusableUrl && op.getIntent().pollUrl() != null) {
			op.swapPollUrlForgotten("Azure no longer knows the swap's polling URL (" + e.code() + ")", now);
			return StepOutcome.waitUntil(now.plus(DEFAULT_POLL_DELAY));
		}
		return StepOutcome.retry(e, "following the swap");
	}

	private static StepOutcome completed(String how) {
		return StepOutcome.advance((operation, now) -> operation.swapCompleted(how, Actor.ENGINE, now));
	}

	private static StepOutcome refused(String code, String message) {
		return StepOutcome.advanceAfterPreviewReset((operation, now) -> operation.swapRefused(code, message, now));
	}

	/** How long a swap waiting for a turn waits at most before it looks again on its own. */
	static final Duration TURN_RECHECK = Duration.ofSeconds(30);

	/** The optional cap: at most N swaps of one subscription run at once (none by default). */
	private boolean waitingForTurn(SwapOperation op, Instant now) {
		if (properties.maxConcurrentSwapsPerSubscription() <= 0) {
			return false; // no cap: the request budget spent in the azure pipeline is the limit
		}
		long inFlight = operations.countSwapsInFlight(op.getSubscriptionId(), op.getId());
		if (inFlight < properties.maxConcurrentSwapsPerSubscription()) {
			return false;
		}
		op.note("Waiting for a turn: swaps already run in subscription " + op.getSubscriptionId() + " (at most "
				+ properties.maxConcurrentSwapsPerSubscription() + " at once)", Actor.ENGINE, now);
		return true;
	}
}
