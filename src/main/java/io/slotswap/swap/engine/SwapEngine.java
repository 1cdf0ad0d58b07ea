package io.slotswap.swap.engine;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapWorkAvailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker loop of one replica. It claims due operations with a database lease (so that two
 * replicas never run the same operation at once), runs one step each on a bounded pool, and
 * renews the leases of the steps still running. Waiting operations cost rows, not threads.
 * New work starts at once: a commit that makes an operation due wakes the loop.
 */
@Component
class SwapEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SwapEngine.class);

	private final SwapOperationRepository operations;

	private final StepRunner runner;

	private final EngineProperties properties;

	private final TransactionTemplate tx;

	private final Replicas replicas;

	private final Clock clock;

	private final String owner;

	private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = lock.newCondition();

	private final AtomicInteger wakeUps = new AtomicInteger();

	private volatile boolean running;

	private ExecutorService workers;

	private Thread loop;

	SwapEngine(SwapOperationRepository operations, StepRunner runner, EngineProperties properties,
			TransactionTemplate tx, Replicas replicas, Clock clock) {
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
		if (workers != null) {
			workers.shutdown();
			try {
				workers.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
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

	/** Stops before the web server and the datasource go away. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2048;
	}

	private void loop() {
		Instant lastRenewal = clock.instant();
		Instant lastHeartbeat = Instant.MIN;
		while (running) {
			int seen = wakeUps.get();
			try {
				if (!clock.instant().isBefore(lastHeartbeat.plus(properties.pollInterval()))) {
					replicas.heartbeat(owner);
					lastHeartbeat = clock.instant();
				}
				claimAndRun();
				if (clock.instant().isAfter(lastRenewal.plus(properties.leaseDuration().dividedBy(3)))) {
					renewLeases();
					lastRenewal = clock.instant();
				}
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
		for (SwapOperationRepository.Due due : operations.findDue(now, Limit.of(free))) {
			UUID id = due.getId();
			if (inFlight.contains(id)) {
				continue;
			}
			Instant until = now.plus(properties.leaseDuration());
			Integer claimed = tx.execute(status -> operations.claim(id, owner, until, now));
			if (claimed != null && claimed == 1) {
				inFlight.add(id);
				workers.execute(() -> {
					try {
						runner.run(id, owner, due.getLeaseOwner());
					}
					finally {
						inFlight.remove(id);
						wake();
					}
				});
			}
		}
	}

	private void renewLeases() {
		Instant until = clock.instant().plus(properties.leaseDuration());
		for (UUID id : inFlight) {
			tx.executeWithoutResult(status -> operations.renew(id, owner, until));
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
