package io.slotswap.swap.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.SlotInfo;
import io.slotswap.azure.SlotSwapStatus;
import io.slotswap.azure.SwapProgress;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;

/**
 * The crash-safe swap shared by SWAPPING and ROLLING_BACK (DESIGN.md, "The engine"):
 * <ol>
 * <li>persist "swap requested at T, last swap status S" before calling Azure;</li>
 * <li>send the swap and persist Azure's polling URL; poll it, one poll per step;</li>
 * <li>resuming without a polling URL, a changed {@code slotSwapStatus} for this slot pair means
 * the swap happened: never send it twice. Otherwise send it again: a 409 "another operation is in
 * progress" means wait.</li>
 * </ol>
 * These states end only on Azure's word; past a generous deadline they are reported, not failed.
 */
abstract class AzureSwapStep implements StepHandler {

	private static final Duration DEFAULT_POLL_DELAY = Duration.ofSeconds(1);

	private final AppServiceGateway gateway;

	private final Retries retries;

	private final EngineProperties properties;

	private final SwapOperationRepository operations;

	AzureSwapStep(AppServiceGateway gateway, Retries retries, EngineProperties properties,
			SwapOperationRepository operations) {
		this.gateway = gateway;
		this.retries = retries;
		this.properties = properties;
		this.operations = operations;
	}

	/** Azure said the swap is done. */
	abstract void succeeded(Step step, String how);

	/** Azure said the swap failed (both slots stay as they were), or refused it. */
	abstract void failed(Step step, String code, String message);

	@Override
	public void run(Step step) {
		reportIfOverdue(step);
		SwapOperation op = step.operation();
		try {
			if (op.getSwapRequestedAt() == null) {
				if (waitForTurn(step)) {
					return;
				}
				op.recordSwapIntent(lastSwap(op), step.now());
				step.checkpoint();
				send(step);
			}
			else if (op.getSwapPollUrl() == null) {
				SlotSwapStatus now = lastSwap(op);
				if (happened(op, now)) {
					op.note("Azure's slotSwapStatus shows this swap done at " + now.timestampUtc()
							+ "; not sending it again", Actor.ENGINE, step.now());
					succeeded(step, "Azure completed the swap");
				}
				else {
					send(step);
				}
			}
			else {
				follow(step, gateway.pollSwap(op.getSwapPollUrl()));
			}
		}
		catch (AzureException e) {
			handle(step, e);
		}
	}

	private void send(Step step) {
		SwapOperation op = step.operation();
		follow(step, gateway.startSwap(op.siteRef(), op.getSourceSlot(), op.getTargetSlot(), op.isPreserveVnet()));
	}

	private void follow(Step step, SwapProgress progress) {
		SwapOperation op = step.operation();
		switch (progress.status()) {
			case RUNNING -> {
				if (op.getSwapPollUrl() == null) {
					op.note("Azure accepted the swap; following it", Actor.ENGINE, step.now());
				}
				op.recordSwapPollUrl(progress.pollUrl(), step.now());
				op.resetAttempts();
				Duration delay = progress.retryAfter() != null ? progress.retryAfter() : DEFAULT_POLL_DELAY;
				op.runAgainAfter(delay, step.now());
			}
			case SUCCEEDED -> succeeded(step, "Azure completed the swap");
			case FAILED -> failedOrRetry(step, progress.errorCode(), progress.errorMessage());
		}
	}

	/**
	 * Azure failed the swap and left both slots as they were. A transient failure ("... Please
	 * retry", an internal error) is sent again, a bounded number of times; anything else is final.
	 */
	private void failedOrRetry(Step step, String code, String message) {
		SwapOperation op = step.operation();
		if (isTransientFailure(code, message) && op.getSwapRetries() < properties.maxSwapRetries()) {
			int retry = op.countSwapRetry();
			Duration delay = properties.backoff(retry, null);
			op.note("Azure failed the swap transiently (" + code + ": " + message + "); both slots are as they were, "
					+ "sending it again in " + delay.toSeconds() + " s (retry " + retry + " of "
					+ properties.maxSwapRetries() + ")", Actor.ENGINE, step.now());
			op.clearSwapIntent();
			op.runAgainAfter(delay, step.now());
			return;
		}
		failed(step, code, message);
	}

	static boolean isTransientFailure(String code, String message) {
		String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
		return text.contains("please retry") || text.contains("try again") || (code != null && TRANSIENT_CODES.contains(code));
	}

	private static final Set<String> TRANSIENT_CODES = Set.of("InternalServerError", "ServiceUnavailable",
			"GatewayTimeout", "TooManyRequests");

	/** Resource Manager throttles per subscription: at most N swaps of one subscription run at once. */
	private boolean waitForTurn(Step step) {
		SwapOperation op = step.operation();
		long inFlight = operations.countSwapsInFlight(op.getSubscriptionId(), op.getId());
		if (inFlight < properties.maxConcurrentSwapsPerSubscription()) {
			return false;
		}
		if (op.countAttempt() == 1) {
			op.note("Waiting for a turn: " + inFlight + " swaps already run in subscription " + op.getSubscriptionId()
					+ " (at most " + properties.maxConcurrentSwapsPerSubscription() + " at once)", Actor.ENGINE,
					step.now());
		}
		op.runAgainAfter(Duration.ofSeconds(2), step.now());
		return true;
	}

	private void handle(Step step, AzureException e) {
		SwapOperation op = step.operation();
		if (ApplyingConfigStep.refusal(e)) {
			failedOrRetry(step, e.code(), e.getMessage());
		}
		else if (e.kind() == AzureException.Kind.BUSY) {
			int attempt = op.countAttempt();
			if (attempt == 1) {
				op.note("Azure reports another operation in progress on the site; waiting for it before swapping",
						Actor.ENGINE, step.now());
			}
			op.runAgainAfter(properties.backoff(attempt, e.retryAfter()), step.now());
		}
		else if (e.kind() == AzureException.Kind.NOT_FOUND && op.getSwapPollUrl() != null) {
			op.note("Azure no longer knows the swap's polling URL; checking the site's slotSwapStatus instead",
					Actor.ENGINE, step.now());
			op.recordSwapPollUrl(null, step.now());
			op.runAgainAfter(DEFAULT_POLL_DELAY, step.now());
		}
		else if (e.isTransient()) {
			retries.later(step, e, "swapping");
		}
		else {
			failedOrRetry(step, e.code(), e.getMessage());
		}
	}

	private SlotSwapStatus lastSwap(SwapOperation op) {
		return gateway.slot(op.siteRef(), SlotInfo.PRODUCTION).lastSwap();
	}

	/** A newer last swap of the same slot pair than the one seen before sending. */
	private static boolean happened(SwapOperation op, SlotSwapStatus now) {
		if (now == null || now.timestampUtc() == null) {
			return false;
		}
		SlotSwapStatus before = op.swapStatusBefore();
		boolean newer = before == null || before.timestampUtc() == null
				|| now.timestampUtc().isAfter(before.timestampUtc());
		boolean samePair = (op.getSourceSlot().equalsIgnoreCase(now.sourceSlotName())
				&& op.getTargetSlot().equalsIgnoreCase(now.destinationSlotName()))
				|| (op.getSourceSlot().equalsIgnoreCase(now.destinationSlotName())
						&& op.getTargetSlot().equalsIgnoreCase(now.sourceSlotName()));
		return newer && samePair;
	}

	private void reportIfOverdue(Step step) {
		SwapOperation op = step.operation();
		Instant due = op.getStateEnteredAt().plus(properties.swapReportAfter());
		if (!op.isStuckReported() && step.now().isAfter(due)) {
			op.markStuckReported();
			op.note("Still " + op.getState() + " after " + properties.swapReportAfter().toMinutes()
					+ " min: waiting for Azure's word (the slots may be mid-swap); an operator should check the site",
					Actor.ENGINE, step.now());
		}
	}
}
