import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency of one URL at a constant request rate, corrected for coordinated omission (bench/api.sh).
 *
 * <pre>java -cp HdrHistogram.jar bench/ApiLatency.java URL RATE SECONDS TOKEN [WARMUP_SECONDS]</pre>
 *
 * Open model, fixed schedule: request i is due at start + i / RATE, whatever happened to the ones
 * before it. A scheduler thread hands each request, at its due time, to a pool of {@link #THREADS}
 * platform threads, each sending with the blocking {@link HttpClient#send} (so at most THREADS
 * requests are in flight, on at most THREADS keep-alive connections). A request that finds every
 * thread busy waits in the pool's queue.
 *
 * Coordinated omission: latency is measured from the request's due time, not from when it was
 * sent, and recorded with plain {@link Histogram#recordValue}. A slow answer thus also counts
 * against every request that was due behind it and had to wait (in the queue, or because the
 * scheduler was late), exactly as a real client on a fixed schedule would see it. That already is
 * the correction: {@code recordValueWithExpectedInterval} is for closed-loop drivers that measure
 * from the send, where it back-fills the samples the stall hid; used here it would count those
 * waits twice. The send-to-answer time ("service time", uncorrected) is recorded too, for contrast.
 *
 * The driver reports when it falls behind: the scheduler's lateness (due → handed to the pool: the
 * driver's own fault, e.g. no CPU for it) and the wait in the pool's queue (handed over → sent:
 * every thread busy, i.e. THREADS requests already waiting on the server, or a thread slow to wake).
 * Its own CPU time is printed too: on a small machine it competes with the server. Output: human-readable lines, then one {@code RESULT key=value ...} line (milliseconds).
 * Exit status 0, or 3 if any request failed (non-2xx or an exception).
 */
public class ApiLatency {

	static final int THREADS = 64;

	/** A request handed to the pool later than this after its due time counts as "late". */
	static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	public static void main(String[] args) throws Exception {
		if (args.length < 4 || args.length > 5) {
			System.err.println("usage: java -cp HdrHistogram.jar ApiLatency.java URL RATE SECONDS TOKEN [WARMUP_SECONDS]");
			System.exit(2);
		}
		URI uri = URI.create(args[0]);
		int rate = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		String token = args[3];
		int warmup = args.length == 5 ? Integer.parseInt(args[4]) : 0;

		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt: same protocol as wrk
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
		if (!token.isEmpty() && !token.equals("-")) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();

		if (warmup > 0) {
			Phase w = new Phase(client, request, rate, warmup).run();
			System.out.printf(Locale.ROOT, "warm-up: %d s, %d requests, %d failed, p99 %.2f ms (discarded)%n", warmup,
					w.corrected.getTotalCount(), w.failures.get(), w.corrected.getValueAtPercentile(99) / 1000.0);
		}
		Phase p = new Phase(client, request, rate, seconds).run();
		p.report(uri);
		System.exit(p.failures.get() == 0 ? 0 : 3);
	}

	static final class Phase {

		final HttpClient client;

		final HttpRequest request;

		final int rate;

		final int seconds;

		final Recorder correctedRecorder = new Recorder(3600_000_000L, 3); // µs, up to an hour

		final Recorder serviceRecorder = new Recorder(3600_000_000L, 3);

		Histogram corrected;

		Histogram service;

		final AtomicLong failures = new AtomicLong();

		final AtomicLong non2xx = new AtomicLong();

		volatile String firstFailure;

		final AtomicInteger inFlight = new AtomicInteger();

		long late;

		long maxLateNanos;

		final AtomicLong queued = new AtomicLong();

		volatile long maxQueuedNanos;

		int maxInFlight;

		long elapsedNanos;

		long cpuNanos;

		Phase(HttpClient client, HttpRequest request, int rate, int seconds) {
			this.client = client;
			this.request = request;
			this.rate = rate;
			this.seconds = seconds;
		}

		Phase run() throws InterruptedException {
			ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), task -> {
						Thread thread = new Thread(task, "api-latency");
						thread.setDaemon(true);
						return thread;
					});
			pool.prestartAllCoreThreads();
			long cpu0 = processCpuNanos();
			long total = (long) rate * seconds;
			long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
			for (long i = 0; i < total; i++) {
				long due = start + (i * 1_000_000_000L) / rate;
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				long lateBy = System.nanoTime() - due;
				if (lateBy > LATE_NANOS) {
					late++;
				}
				maxLateNanos = Math.max(maxLateNanos, lateBy);
				long handed = System.nanoTime();
				pool.execute(() -> send(due, handed));
			}
			shutdown(pool);
			elapsedNanos = System.nanoTime() - start;
			cpuNanos = processCpuNanos() - cpu0;
			corrected = correctedRecorder.getIntervalHistogram();
			service = serviceRecorder.getIntervalHistogram();
			return this;
		}

		void send(long due, long handed) {
			int now = inFlight.incrementAndGet();
			long sent = System.nanoTime();
			if (now > maxInFlight) {
				maxInFlight = now; // racy: rough figures are enough
			}
			if (sent - handed > LATE_NANOS) {
				queued.incrementAndGet();
			}
			if (sent - handed > maxQueuedNanos) {
				maxQueuedNanos = sent - handed;
			}
			try {
				HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				if (response.statusCode() / 100 != 2) {
					non2xx.incrementAndGet();
					fail("HTTP " + response.statusCode());
				}
			}
			catch (Exception e) {
				fail(e.toString());
			}
			finally {
				long end = System.nanoTime();
				inFlight.decrementAndGet();
				correctedRecorder.recordValue(Math.max(1, (end - due) / 1000));
				serviceRecorder.recordValue(Math.max(1, (end - sent) / 1000));
			}
		}

		void fail(String why) {
			if (failures.getAndIncrement() == 0) {
				firstFailure = why;
			}
		}

		/** The driver's own CPU time (all threads): so that its share of the machine is known. */
		static long processCpuNanos() {
			var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
			return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
		}

		static void shutdown(ExecutorService pool) throws InterruptedException {
			pool.shutdown();
			if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
				System.err.println("requests still in flight after 60 s; giving up on them");
				pool.shutdownNow();
			}
		}

		void report(URI uri) {
			double achieved = corrected.getTotalCount() / (elapsedNanos / 1e9);
			System.out.printf(Locale.ROOT, "%s: %d requests in %.1f s (%.0f/s, target %d/s), %d failed%s%n", uri,
					corrected.getTotalCount(), elapsedNanos / 1e9, achieved, rate, failures.get(),
					firstFailure == null ? "" : " (first: " + firstFailure + ")");
			System.out.printf(Locale.ROOT, "  from due time (corrected): p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms%n",
					ms(corrected, 50), ms(corrected, 90), ms(corrected, 99), ms(corrected, 99.9), max(corrected));
			System.out.printf(Locale.ROOT, "  from send (service time):  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms%n",
					ms(service, 50), ms(service, 90), ms(service, 99), ms(service, 99.9), max(service));
			long n = corrected.getTotalCount();
			String behind = late > n / 1000 ? "  <- the driver fell behind its schedule (> 0.1 % late)"
					: queued.get() > n / 1000 && maxInFlight >= THREADS ? "  <- all threads busy at times: the server fell behind"
					: queued.get() > n / 1000 ? "  <- threads slow to take requests: the machine's CPU, not the server" : "";
			System.out.printf(Locale.ROOT,
					"  driver: %d of %d handed over > 1 ms after due (max %.2f ms); %d waited > 1 ms in the pool's queue (max %.2f ms); in flight max %d of %d; its CPU %.1f s (%.0f%% of one core)%s%n",
					late, n, maxLateNanos / 1e6, queued.get(), maxQueuedNanos / 1e6, maxInFlight, THREADS, cpuNanos / 1e9,
					100.0 * cpuNanos / elapsedNanos, behind);
			System.out.printf(Locale.ROOT,
					"RESULT url=%s rate=%d seconds=%d count=%d failed=%d achieved=%.0f p50=%s p90=%s p99=%s p999=%s max=%s "
							+ "svc_p50=%s svc_p99=%s svc_max=%s late=%d max_late_ms=%.2f queued=%d max_queued_ms=%.2f in_flight_max=%d driver_cpu_s=%.1f%n",
					uri, rate, seconds, corrected.getTotalCount(), failures.get(), achieved, ms(corrected, 50),
					ms(corrected, 90), ms(corrected, 99), ms(corrected, 99.9), max(corrected), ms(service, 50),
					ms(service, 99), max(service), late, maxLateNanos / 1e6, queued.get(), maxQueuedNanos / 1e6, maxInFlight, cpuNanos / 1e9);
		}

		static String ms(Histogram h, double percentile) {
			return String.format(Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1000.0);
		}

		static String max(Histogram h) {
			return String.format(Locale.ROOT, "%.2f", h.getMaxValue() / 1000.0);
		}
	}
}
