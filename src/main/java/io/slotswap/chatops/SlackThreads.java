package io.slotswap.chatops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that talk to Slack: swap requests made from Slack, progress messages, replies to
 * clicks. Never the engine's, never a request thread. (Not a {@code ScheduledExecutorService} bean, so
 * that Spring's own scheduling does not pick it up.)
 */
final class SlackThreads implements AutoCloseable {

	private final ScheduledExecutorService threads;

	SlackThreads(int size) {
		AtomicInteger count = new AtomicInteger();
		this.threads = Executors.newScheduledThreadPool(size, task -> {
			Thread thread = new Thread(task, "slack-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	void execute(Runnable task) {
		threads.execute(task);
	}

	void schedule(Runnable task, Duration after) {
		threads.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		threads.shutdownNow();
	}
}
