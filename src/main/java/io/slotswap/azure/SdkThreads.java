package io.slotswap.azure;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.util.SharedExecutorService;

/**
 * The threads behind the Azure SDK's {@link SharedExecutorService}: our HTTP client completes its
 * calls and schedules their read and write time-outs there.
 * <p>
 * The SDK's own executor is shut down by a JVM shutdown hook of the SDK, which runs beside Spring's.
 * On SIGTERM every call still in flight then waits forever (its time-out cannot be scheduled any
 * more), and so does the step that made it: the engine's clean stop would hang on it. These threads
 * are daemons that nobody shuts down; they end with the JVM, after Spring has stopped the engine.
 */
final class SdkThreads {

	private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	private static volatile boolean installed;

	private SdkThreads() {
	}

	/** Puts these threads behind the SDK's shared executor; once per JVM, later calls do nothing. */
	static void install() {
		if (installed) {
			return;
		}
		synchronized (SdkThreads.class) {
			if (installed) {
				return;
			}
			AtomicInteger count = new AtomicInteger();
			ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(THREADS, task -> {
				Thread thread = new Thread(task, "azure-sdk-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			threads.setRemoveOnCancelPolicy(true);
			SharedExecutorService.getInstance().setExecutorService(threads);
			installed = true;
		}
	}
}
