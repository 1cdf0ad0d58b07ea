package io.slotswap.azure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Counts the requests Resource Manager receives on behalf of one piece of work (a step of an
 * operation, the lookups of a new request), every attempt included. The work runs inside
 * {@link #counting()} on its own thread; this policy, first in the pipeline and so still on that
 * thread, hands the tally to the call's context, where {@link ArmCallMetrics} counts each attempt
 * that goes on the wire, retries on other threads too. Calls made outside any tally are not counted
 * here (they are in {@code slotswap_arm_requests_seconds}).
 * <p>
 * A tally may also bound how long each of its calls waits for a token of Resource Manager's budget
 * ({@link ArmBudget}), below {@code slotswap.azure.budget.max-wait}: an engine step would rather give
 * its worker back and come again when the token is due than hold it.
 */
public final class ArmRequests implements HttpPipelinePolicy {

	static final String CONTEXT_KEY = "slotswap.arm-requests";

	private static final ThreadLocal<Tally> CURRENT = new ThreadLocal<>();

	/** The requests counted so far; {@link #close()} ends the count on this thread. */
	public static final class Tally implements AutoCloseable {

		private final AtomicInteger requests = new AtomicInteger();

		private final Tally outer;

		private final Duration budgetWait;

		private Tally(Tally outer, Duration budgetWait) {
			this.outer = outer;
			this.budgetWait = budgetWait;
		}

		public int requests() {
			return requests.get();
		}

		void sent() {
			requests.incrementAndGet();
			if (outer != null) {
				outer.sent();
			}
		}

		@Override
		public void close() {
			if (outer == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(outer);
			}
		}
	}

	/** Starts counting the requests made from this thread until the tally is closed (nested tallies add up). */
	public static Tally counting() {
		return counting(null);
	}

	/**
	 * As {@link #counting()}, each call waiting at most {@code budgetWait} for a token of the budget
	 * (null: the configured {@code max-wait}); past it the call is not sent and throws
	 * {@link AzureException#budgetSpent()} with the time until a token is due.
	 */
	public static Tally counting(Duration budgetWait) {
		Tally tally = new Tally(CURRENT.get(), budgetWait);
		CURRENT.set(tally);
		return tally;
	}

	/** How long the calls of the call's tally may wait for budget, if it says. */
	static Duration budgetWait(HttpPipelineCallContext context) {
		return context.getData(CONTEXT_KEY).map(tally -> ((Tally) tally).budgetWait).orElse(null);
	}

	/** Counts one attempt that went on the wire for the tally its call belongs to, if any. */
	static void sent(HttpPipelineCallContext context) {
		context.getData(CONTEXT_KEY).ifPresent(tally -> ((Tally) tally).sent());
	}

	@Override
	public HttpPipelinePosition getPipelinePosition() {
		return HttpPipelinePosition.PER_CALL;
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		adopt(context);
		return next.processSync();
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		return Mono.defer(() -> {
			adopt(context);
			return next.process();
		});
	}

	private static void adopt(HttpPipelineCallContext context) {
		Tally tally = CURRENT.get();
		if (tally != null && context.getData(CONTEXT_KEY).isEmpty()) {
			context.setData(CONTEXT_KEY, tally);
		}
	}
}
