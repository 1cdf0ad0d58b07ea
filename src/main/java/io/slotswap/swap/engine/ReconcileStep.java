package io.slotswap.swap.engine;

import java.time.Duration;
import java.time.Instant;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.azure.AzureException;
import io.slotswap.azure.SlotSwapStatus;
import io.slotswap.azure.SwapProgress;
import io.slotswap.swap.Actor;
import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperation;
import org.springframework.stereotype.Component;

/**
 * An operator's {@code reconcile} of a swap stuck in SWAPPING or ROLLING_BACK, run at once whatever
 * the back-off: the slots' {@code slotSwapStatus} shows the swap → carry on as if Azure had
 * reported success; the polling URL still says running → stay; Azure no longer knows the swap and
 * shows none → FAILED {@code NotSwapped}. The history records who asked and what Azure showed.
 */
@Component
class ReconcileStep {

	private final AppServiceGateway gateway;

	private final SwapEvidence evidence;

	private final EngineProperties properties;

	ReconcileStep(AppServiceGateway gateway, SwapEvidence evidence, EngineProperties properties) {
		this.gateway = gateway;
		this.evidence = evidence;
		this.properties = properties;
	}

	/** Until when a send without a known answer may still show up in the slots' status, or null. */
	private Instant settledAt(SwapOperation op) {
		if (!op.getIntent().recorded() || op.getIntent().sends() == 0) {
			return null;
		}
		Instant from = op.getIntent().answerLostAt() != null ? op.getIntent().answerLostAt()
				: op.getIntent().requestedAt();
		return from.plus(properties.lostAnswerWait());
	}

	StepOutcome run(Step step) {
		SwapOperation op = step.operation();
		Actor admin = Actor.api(op.getReconcileRequestedBy());
		Instant now = step.now();
		try {
			SlotSwapStatus seen = evidence.swapOf(op);
			if (seen != null) {
				String how = "Reconciled by " + admin.name() + ": the slots' slotSwapStatus shows the swap done at "
						+ seen.timestampUtc();
				return StepOutcome.advance((operation, at) -> operation.swapCompleted(how, admin, at));
			}
			String pollUrl = op.getIntent().pollUrl();
			String polled = "no polling URL is known";
			if (pollUrl != null) {
				try {
					SwapProgress progress = gateway.pollSwap(pollUrl);
					switch (progress.status()) {
						case RUNNING -> {
							op.reconcileFoundSwapRunning(admin, "Azure's polling URL says the swap is still running", now);
							op.swapAccepted(progress.pollUrl(), now);
							Duration delay = progress.retryAfter() != null ? progress.retryAfter() : properties.retryDelay();
							return StepOutcome.waitUntil(now.plus(delay));
						}
						case SUCCEEDED -> {
							String how = "Reconciled by " + admin.name() + ": Azure's polling URL says the swap succeeded";
							return StepOutcome.advance((operation, at) -> operation.swapCompleted(how, admin, at));
						}
						default -> {
							String code = progress.errorCode();
							String message = progress.errorMessage();
							return StepOutcome.advanceAfterPreviewReset(
									(operation, at) -> operation.azureFailedSwap(code, message, at));
						}
					}
				}
				catch (AzureException e) {
					if (e.kind() != AzureException.Kind.NOT_FOUND) {
						throw e;
					}
					polled = "Azure no longer knows its polling URL";
				}
			}
			Instant settled = settledAt(op);
			if (pollUrl == null && settled != null && now.isBefore(settled)) {
				// a send whose answer is unknown may still be running: wait as the swap step would
				op.note("Reconcile requested by " + admin.name() + ": a swap sent at " + op.getIntent().requestedAt()
						+ " has no known answer yet; Azure's word is awaited until " + settled + " before deciding",
						Actor.ENGINE, now);
				return StepOutcome.waitUntil(settled);
			}
			String shown = polled + ", " + SwapEvidence.describe(evidence.lastSwapOfPair(op));
			return StepOutcome.advanceAfterPreviewReset(
					(operation, at) -> operation.swapNotHappened(admin, shown, at));
		}
		catch (AzureException e) {
			op.note("Reconcile requested by " + admin.name() + " could not ask Azure (" + e.code() + ": "
					+ e.getMessage() + "); trying again", Actor.ENGINE, now);
			return StepOutcome.waitUntil(now.plus(properties.backoff(op.countAttempt(), e.retryAfter())));
		}
	}
}
