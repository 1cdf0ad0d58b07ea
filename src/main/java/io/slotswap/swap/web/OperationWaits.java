package io.slotswap.swap.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.slotswap.swap.SwapOperationView;
import io.slotswap.swap.SwapService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The long poll of {@code GET /api/v1/swaps/{id}?waitSeconds=N}: the answer comes as soon as the
 * operation has ended, or after N seconds with its state then. A waiting request holds no thread:
 * one ticker asks the database (so an operation that ends on another replica is seen too) which of
 * the awaited operations have ended, in one query however many requests wait.
 */
@Component
class OperationWaits implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OperationWaits.class);

	static final Duration TICK = Duration.ofMillis(250);

	static final int MAX_WAIT_SECONDS = 60;

	/** Long polls one principal may hold open at a time (per replica). */
	static final int MAX_PER_PRINCIPAL = 50;

	/** A principal already holds {@link #MAX_PER_PRINCIPAL} long polls (429). */
	static final class TooManyWaits extends RuntimeException {

		TooManyWaits(String principal) {
			super(principal + " already waits on " + MAX_PER_PRINCIPAL + " operations; let one answer first, or "
					+ "read without waitSeconds");
		}
	}

	private final SwapService swaps;

	private final Set<Wait> waits = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "swap-waits");
		thread.setDaemon(true);
		return thread;
	});

	OperationWaits(SwapService swaps) {
		this.swaps = swaps;
		ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Operation {@code id} once it has ended, or after {@code seconds} as it is then, for
	 * {@code principal}. An operation that has already ended (or {@code seconds} = 0) answers at once.
	 */
	DeferredResult<SwapOperationView> await(UUID id, int seconds, String principal) {
		SwapOperationView now = SwapOperationView.of(swaps.get(id));
		DeferredResult<SwapOperationView> result = new DeferredResult<>(Duration.ofSeconds(seconds).toMillis() + 1000);
		if (seconds == 0 || now.state().isTerminal()) {
			result.setResult(now);
			return result;
		}
		Wait wait = new Wait(id, result, principal, System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
		synchronized (waits) {
			if (waits.stream().filter(w -> w.principal.equals(principal)).count() >= MAX_PER_PRINCIPAL) {
				throw new TooManyWaits(principal);
			}
			waits.add(wait);
		}
		result.onCompletion(() -> waits.remove(wait));
		result.onError(error -> waits.remove(wait));
		// the container gave up first (it should not: its time-out is a second longer): answer as is
		result.onTimeout(() -> answer(wait));
		return result;
	}

	private void tick() {
		if (waits.isEmpty()) {
			return;
		}
		try {
			List<Wait> pending = List.copyOf(waits);
			Set<UUID> ended = swaps.endedAmong(pending.stream().map(w -> w.operationId).distinct().toList());
			long now = System.nanoTime();
			for (Wait wait : pending) {
				if (ended.contains(wait.operationId) || now - wait.deadlineNanos >= 0) {
					answer(wait);
				}
			}
		}
		catch (RuntimeException e) {
			log.warn("Could not check the operations that long polls wait on ({}); trying again",
					e.getClass().getSimpleName());
		}
	}

	private void answer(Wait wait) {
		waits.remove(wait);
		try {
			wait.result.setResult(SwapOperationView.of(swaps.get(wait.operationId)));
		}
		catch (RuntimeException e) {
			wait.result.setErrorResult(e);
		}
	}

	@Override
	public void destroy() {
		ticker.shutdownNow();
		waits.forEach(this::answer);
	}

	private record Wait(UUID operationId, DeferredResult<SwapOperationView> result, String principal,
			long deadlineNanos) {
	}
}
