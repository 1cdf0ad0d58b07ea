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
import io.slotswap.swap.TransitionsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The long poll of {@code GET /api/v1/swaps/{id}?waitSeconds=N}: the answer comes as soon as the
 * operation has ended, or after N seconds with its state then. A waiting request holds no thread:
 * one ticker asks the database (so an operation that ends on another replica is seen too) which of
 * the awaited operations have ended, in one query however many requests wait.
 */
@Component
class OperationWaits implements SmartLifecycle {

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

	/** A wait that must end without reading the store (it could not be read): answered with a 503. */
	static final class NotAnswerable extends RuntimeException {

		NotAnswerable() {
			super("the operation could not be read in time");
		}
	}

	private final SwapService swaps;

	private volatile boolean running;

	private final Set<Wait> waits = ConcurrentHashMap.newKeySet();

	/** Made on start and shut down on stop: a context may be stopped and started again (tests pause them). */
	private volatile ScheduledExecutorService ticker;

	OperationWaits(SwapService swaps) {
		this.swaps = swaps;
	}

	/**
	 * Operation {@code id} once it has ended, or after {@code seconds} as it is then, for
	 * {@code principal}. An operation that has already ended (or {@code seconds} = 0) answers at once.
	 */
	DeferredResult<SwapOperationView> await(UUID id, int seconds, String principal) {
		SwapOperationView now = SwapOperationView.of(swaps.get(id));
		DeferredResult<SwapOperationView> result = new DeferredResult<>(Duration.ofSeconds(seconds).toMillis() + 1000);
		if (seconds == 0 || now.state().isTerminal() || !running) {
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
		if (!running) {
			// stop() ran while this wait was being added: answer it rather than hold the shutdown
			answer(wait, true);
			return result;
		}
		result.onCompletion(() -> waits.remove(wait));
		result.onError(error -> waits.remove(wait));
		// the ticker could not answer in time (the store is unreachable): a 503 without reading it here,
		// on a request thread
		result.onTimeout(() -> {
			waits.remove(wait);
			result.setErrorResult(new NotAnswerable());
		});
		return result;
	}

	/**
	 * An operation ended on this replica: answer its waits now rather than at the next tick (an
	 * end on another replica is seen by the tick, within {@link #TICK}).
	 */
	@TransactionalEventListener
	void transitionsCommitted(TransitionsRecorded recorded) {
		ScheduledExecutorService current = ticker;
		if (running && current != null && recorded.operation().getState().isTerminal() && !waits.isEmpty()) {
			try {
				current.execute(this::tickSafely);
			}
			catch (java.util.concurrent.RejectedExecutionException stopping) {
				// stop() answers every wait itself
			}
		}
	}

	private void tick() {
		if (waits.isEmpty()) {
			return;
		}
		List<Wait> pending = List.copyOf(waits);
		Set<UUID> ended;
		try {
			ended = swaps.endedAmong(pending.stream().map(w -> w.operationId).distinct().toList());
		}
		catch (RuntimeException e) {
			log.warn("Could not check the operations that long polls wait on ({}); trying again",
					e.getClass().getSimpleName());
			ended = null;
		}
		long now = System.nanoTime();
		for (Wait wait : pending) {
			boolean due = now - wait.deadlineNanos >= 0;
			if (ended == null ? due : (due || ended.contains(wait.operationId))) {
				answer(wait, ended != null);
			}
		}
	}

	/** Answers with the operation as it is now; a 503 if the store cannot (or could not just now) be read. */
	private void answer(Wait wait, boolean storeReadable) {
		waits.remove(wait);
		if (!storeReadable) {
			wait.result.setErrorResult(new NotAnswerable());
			return;
		}
		try {
			wait.result.setResult(SwapOperationView.of(swaps.get(wait.operationId)));
		}
		catch (RuntimeException e) {
			wait.result.setErrorResult(e);
		}
	}

	@Override
	public synchronized void start() {
		ticker = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "swap-waits");
			thread.setDaemon(true);
			return thread;
		});
		ticker.scheduleWithFixedDelay(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
		running = true;
	}

	/** The ticker must never die: an exception out of a scheduled task would stop it for good. */
	private void tickSafely() {
		try {
			tick();
		}
		catch (Throwable e) {
			log.warn("Long polls: unexpected {} while checking; trying again", e.getClass().getSimpleName());
		}
	}

	/**
	 * Before the web server drains its requests: every waiting request is answered now with the
	 * operation as it is (a client polls again, on another replica), and new waits answer at once.
	 */
	@Override
	public synchronized void stop() {
		running = false;
		List.copyOf(waits).forEach(wait -> answer(wait, true));
		if (ticker != null) {
			ticker.shutdownNow();
			ticker = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the engine. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	private record Wait(UUID operationId, DeferredResult<SwapOperationView> result, String principal,
			long deadlineNanos) {
	}
}
