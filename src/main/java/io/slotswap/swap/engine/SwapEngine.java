package io.slotswap.swap.engine;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapWorkAvailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker loop of one replica. It claims due operations with a database lease judged by the
 * database's clock (so that two replicas never run the same operation at once, whatever their own
 * clocks say), runs one step each on a bounded pool, and renews the leases of the steps still
 * running on a schedule of its own. Waiting operations cost rows, not threads. New work starts at
 * once: a commit that makes an operation due wakes the loop, and so does the moment a step run here
 * said its operation's next step is due (a poll paced by Azure's {@code Retry-After} runs then, not on
 * the loop's next look; the loop still looks every {@code poll-interval} for the rest). On shutdown it stops claiming, lets
 * running steps finish (their leases expire if they cannot), and only then lets the database go.
 */
@Component
class SwapEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SwapEngine.class);

	private final Tracer tracer;

	private final SwapOperationRepository operations;

	private final StepRunner runner;

	private final EngineProperties properties;

	private final TransactionTemplate tx;

	private final Replicas replicas;

	private final Clock clock;

	private final MeterRegistry meters;

	private final String owner;

	/**
	 * Timed wakes come at the end of a slot of this many milliseconds after the due time, one per slot
	 * however many steps are due in it (at most 100 wakes a second, however many swaps are polled).
	 */
	private static final long WAKE_SLOT_MILLIS = 10;

	private final Set<Long> timedWakes = ConcurrentHashMap.newKeySet();

	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = lock.newCondition();

	private final AtomicInteger wakeUps = new AtomicInteger();

	private volatile boolean running;

	private ExecutorService workers;

	/** Renews the leases of running steps, and wakes the loop when a step said its next one is due. */
	private ScheduledExecutorService timer;

	private Thread loop;

	SwapEngine(SwapOperationRepository operations, StepRunner runner, EngineProperties properties,
			TransactionTemplate tx, Replicas replicas, Clock clock, MeterRegistry meters, ObjectProvider<Tracer> tracer) {
		this.meters = meters;
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.operations = operations;
		this.replicas = replicas;
		this.runner = runner;
		this.properties = properties;
		this.tx = tx;
		this.clock = clock;
		this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onWork(SwapWorkAvailable work) {
		wake();
	}

	void wake() {
		lock.lock();
		try {
			wakeUps.incrementAndGet();
			wakeUp.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void start() {
		AtomicInteger threadCount = new AtomicInteger();
		workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), task -> {
					Thread thread = new Thread(task, "swap-worker-" + threadCount.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		try {
			replicas.register(owner);
		}
		catch (RuntimeException e) {
			log.warn("Swap engine {} could not register itself ({}); it will on its next heartbeat", owner,
					e.getClass().getSimpleName());
		}
		running = true;
		long every = Math.max(500, properties.leaseDuration().toMillis() / 3);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
			Thread thread = new Thread(task, "swap-engine-timer");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		timer = scheduler;
		timer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
		loop = new Thread(this::loop, "swap-engine");
		loop.setDaemon(true);
		loop.start();
		log.info("Swap engine {} started: {} workers, lease {}, poll every {}", owner, properties.workers(),
				properties.leaseDuration(), properties.pollInterval());
	}

	@Override
	public void stop() {
		running = false;
		wake();
		try {
			if (loop != null) {
				loop.join(properties.leaseDuration().toMillis());
			}
			if (workers != null) {
				workers.shutdown();
				if (!workers.awaitTermination(properties.leaseDuration().toMillis(), TimeUnit.MILLISECONDS)) {
					log.warn("Swap engine {} stopped with {} steps still running; their leases will expire", owner,
							inFlight.size());
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		if (timer != null) {
			timer.shutdownNow();
		}
		try {
			replicas.deregister(owner);
		}
		catch (RuntimeException e) {
			log.debug("Swap engine {} could not deregister ({})", owner, e.getClass().getSimpleName());
		}
		log.info("Swap engine {} stopped", owner);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Starts after the web server (the built-in emulator's port is known then) and stops before its
	 * graceful shutdown begins ({@code DEFAULT_PHASE - 1024}), so that steps still running can reach
	 * the built-in emulator and finish; the data source closes after every lifecycle has stopped.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

	private void loop() {
		Instant lastHeartbeat = Instant.MIN;
		while (running) {
			int seen = wakeUps.get();
			try {
				if (!clock.instant().isBefore(lastHeartbeat.plus(properties.pollInterval()))) {
					replicas.heartbeat(owner);
					lastHeartbeat = clock.instant();
				}
				claimAndRun();
			}
			catch (RuntimeException e) {
				log.warn("Swap engine could not look for work ({}); trying again in {}", e.getClass().getSimpleName(),
						properties.pollInterval());
			}
			await(seen);
		}
	}

	private void claimAndRun() {
		int free = properties.workers() - inFlight.size();
		if (free <= 0) {
			return;
		}
		Instant now = clock.instant();
		for (SwapOperationRepository.Due due : operations.findDue(now, free)) {
			UUID id = due.id();
			if (!running || inFlight.contains(id)) {
				continue;
			}
			Integer claimed = tx.execute(status -> operations.claim(id, owner, properties.leaseSeconds()));
			if (claimed != null && claimed == 1) {
				// a claim of a lease that another replica held and let expire is a takeover (a crash, a pause)
				boolean takeover = due.leaseOwner() != null && !owner.equals(due.leaseOwner());
				meters.counter("slotswap.lease.claims", "takeover", Boolean.toString(takeover)).increment();
				if (takeover) {
					// the other replica's lease ran out with its step unfinished: it crashed, paused or lost the database
					meters.counter("slotswap.lease.expiries").increment();
				}
				inFlight.add(id);
				workers.execute(() -> {
					// every line logged while the step runs names its operation (plain and JSON logs), and
					// the step is a span of its own (exported over OTLP when an endpoint is configured)
					Span span = null;
					try (MDC.MDCCloseable named = MDC.putCloseable(SwapOperation.LOG_KEY, id.toString())) {
						span = tracer.nextSpan().name("swap step").tag("slotswap.operation.id", id.toString()).start();
						try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
							wakeAt(runner.run(id, owner, due.leaseOwner()));
						}
					}
					catch (RuntimeException e) {
						if (span != null) {
							span.error(e);
						}
						throw e;
					}
					finally {
						if (span != null) {
							span.end();
						}
						inFlight.remove(id);
						wake();
					}
				});
			}
		}
	}

	/**
	 * Wakes the loop when {@code due} comes, if that is sooner than its next look anyway. The loop
	 * finds every operation due by then, so one wake serves all the steps due at once.
	 */
	private void wakeAt(Instant due) {
		if (due == null || !running) {
			return;
		}
		long slot = (due.toEpochMilli() / WAKE_SLOT_MILLIS + 1) * WAKE_SLOT_MILLIS;
		long delay = slot - clock.instant().toEpochMilli(); // not millis(): the tick clock of JDK 17 divides by zero there
		if (delay >= properties.pollInterval().toMillis() || !timedWakes.add(slot)) {
			return;
		}
		try {
			timer.schedule(() -> {
				timedWakes.remove(slot);
				wake();
			}, Math.max(0, delay), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException stopping) {
			timedWakes.remove(slot); // the engine is stopping: nothing more to run
		}
	}

	/** Every third of the lease, on its own thread: a slow step or a failed claim never skips it. */
	private void renewLeases() {
		for (UUID id : inFlight) {
			try {
				tx.executeWithoutResult(status -> operations.renew(id, owner, properties.leaseSeconds()));
			}
			catch (RuntimeException e) {
				log.warn("Could not renew the lease of {} ({}); its step's save will fail if another replica "
						+ "takes it", id, e.getClass().getSimpleName());
			}
		}
	}

	private void await(int seen) {
		lock.lock();
		try {
			if (wakeUps.get() == seen && running) {
				wakeUp.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			running = false;
		}
		finally {
			lock.unlock();
		}
	}
}
