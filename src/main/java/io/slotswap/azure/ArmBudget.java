package io.slotswap.azure;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import reactor.core.publisher.Mono;

/**
 * Resource Manager's budget spent on this side: per subscription, a token bucket for reads and one
 * for writes (Bucket4j), each replica holding an even share of Azure's limits. Every attempt takes a
 * token before it goes out, waiting for one if need be (up to {@code maxWait}; past it the call is
 * not sent: {@link AzureException.Kind#THROTTLED} with the time until a token is free, and the
 * caller comes back then). A 429 from Azure stops that bucket for the {@code Retry-After} it asked.
 * <p>
 * Runs per retry, before {@link BeforeSendPolicy}: a swap that waited for budget still checks its
 * lease right before the wire.
 */
final class ArmBudget implements HttpPipelinePolicy {

	enum Kind {
		READ, WRITE
	}

	private final AzureProperties.Budget budget;

	private final IntSupplier replicas;

	private final LongSupplier nanoTime;

	private static final long NEVER_STOPPED = Long.MIN_VALUE;

	private final ConcurrentMap<String, Share> shares = new ConcurrentHashMap<>();

	private final TimeMeter clock;

	ArmBudget(AzureProperties.Budget budget, IntSupplier replicas) {
		this(budget, replicas, System::nanoTime);
	}

	/** With a clock of its own (tests). */
	ArmBudget(AzureProperties.Budget budget, IntSupplier replicas, LongSupplier nanoTime) {
		this.budget = budget;
		this.replicas = replicas;
		this.nanoTime = nanoTime;
		this.clock = new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				return nanoTime.getAsLong();
			}

			@Override
			public boolean isWallClockBased() {
				return false;
			}
		};
	}

	@Override
	public HttpPipelinePosition getPipelinePosition() {
		return HttpPipelinePosition.PER_RETRY;
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		Share share = shareOf(context);
		if (share == null) {
			return next.processSync();
		}
		long waitNanos = share.take(kindOf(context), nanoTime.getAsLong(), maxWait(context));
		if (waitNanos > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(waitNanos);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw throttled(waitNanos);
			}
		}
		return observed(share, kindOf(context), next.processSync());
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		Share share = shareOf(context);
		if (share == null) {
			return next.process();
		}
		Kind kind = kindOf(context);
		return Mono.defer(() -> {
			long waitNanos = share.take(kind, nanoTime.getAsLong(), maxWait(context));
			Mono<HttpResponse> sent = next.process().map(response -> observed(share, kind, response));
			return waitNanos > 0 ? Mono.delay(Duration.ofNanos(waitNanos)).then(sent) : sent;
		});
	}

	private HttpResponse observed(Share share, Kind kind, HttpResponse response) {
		if (response.getStatusCode() == 429) {
			Duration asked = ArmErrors.retryAfter(response.getHeaders());
			share.stop(kind, nanoTime.getAsLong(), asked == null ? Duration.ofSeconds(5) : asked);
		}
		return response;
	}

	private static Kind kindOf(HttpPipelineCallContext context) {
		HttpMethod method = context.getHttpRequest().getHttpMethod();
		return method == HttpMethod.GET || method == HttpMethod.HEAD ? Kind.READ : Kind.WRITE;
	}

	private Share shareOf(HttpPipelineCallContext context) {
		String subscription = subscriptionOf(context.getHttpRequest().getUrl().getPath());
		return subscription == null ? null : share(subscription);
	}

	private Share share(String subscription) {
		return shares.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), key -> new Share());
	}

	/**
	 * Takes a token of {@code subscription}'s budget for a call of {@code kind}: the nanoseconds to
	 * wait before sending, or {@link AzureException.Kind#THROTTLED} past {@code maxWait}.
	 */
	long take(String subscription, Kind kind) {
		return share(subscription).take(kind, nanoTime.getAsLong(), budget.maxWait().toNanos());
	}

	/** The configured {@code max-wait}, or less if the call's tally asks for less ({@link ArmRequests}). */
	private long maxWait(HttpPipelineCallContext context) {
		Duration asked = ArmRequests.budgetWait(context);
		return asked != null && asked.compareTo(budget.maxWait()) < 0 ? asked.toNanos() : budget.maxWait().toNanos();
	}

	/** Azure answered 429 to a call of {@code kind} on {@code subscription}. */
	void throttledByAzure(String subscription, Kind kind, Duration retryAfter) {
		share(subscription).stop(kind, nanoTime.getAsLong(), retryAfter);
	}

	/** The subscription a Resource Manager path is about ({@code /subscriptions/{id}/…}), or null. */
	static String subscriptionOf(String path) {
		String[] segments = path.split("/");
		for (int i = 0; i + 1 < segments.length; i++) {
			if (segments[i].equalsIgnoreCase("subscriptions") && !segments[i + 1].isEmpty()) {
				return segments[i + 1];
			}
		}
		return null;
	}

	private AzureException throttled(long waitNanos) {
		return new AzureException(AzureException.Kind.THROTTLED, AzureException.BUDGET_SPENT,
				"Resource Manager's request budget for this subscription is spent; the call was not sent",
				Duration.ofNanos(Math.max(waitNanos, 1_000_000)), null);
	}

	/** This replica's share of one subscription's budget. */
	private final class Share {

		private final Bucket reads;

		private final Bucket writes;

		/** Until when Azure asked for no more calls (nano time), or {@link #NEVER_STOPPED}. */
		private final AtomicLong readsStoppedUntil = new AtomicLong(NEVER_STOPPED);

		private final AtomicLong writesStoppedUntil = new AtomicLong(NEVER_STOPPED);

		private volatile int sharedBy;

		Share() {
			sharedBy = live();
			reads = Bucket.builder().withCustomTimePrecision(clock).addLimit(limit(Kind.READ, sharedBy)).build();
			writes = Bucket.builder().withCustomTimePrecision(clock).addLimit(limit(Kind.WRITE, sharedBy)).build();
		}

		/** Takes a token: the nanoseconds to wait before sending (0: at once). */
		long take(Kind kind, long now, long maxWait) {
			resize();
			Bucket bucket = kind == Kind.READ ? reads : writes;
			long stoppedUntil = (kind == Kind.READ ? readsStoppedUntil : writesStoppedUntil).get();
			long wait = stoppedUntil == NEVER_STOPPED ? 0 : Math.max(0, stoppedUntil - now);
			if (wait > maxWait) {
				throw throttled(wait);
			}
			long forToken = bucket.consumeIgnoringRateLimits(1);
			if (forToken == Long.MAX_VALUE || forToken > maxWait) {
				bucket.addTokens(1);
				throw throttled(forToken == Long.MAX_VALUE ? maxWait : forToken);
			}
			return Math.max(wait, forToken);
		}

		/** Azure said 429: nothing more of this kind goes out before {@code asked} has passed. */
		void stop(Kind kind, long now, Duration asked) {
			long until = now + asked.toNanos();
			(kind == Kind.READ ? readsStoppedUntil : writesStoppedUntil).accumulateAndGet(until,
					(current, next) -> current == NEVER_STOPPED || next - current > 0 ? next : current);
		}

		/** A replica more or fewer: the share follows, tokens in hand kept up to the new size. */
		private void resize() {
			int now = live();
			if (now != sharedBy) {
				synchronized (this) {
					if (now != sharedBy) {
						sharedBy = now;
						reads.replaceConfiguration(BucketConfiguration.builder().addLimit(limit(Kind.READ, now)).build(),
								TokensInheritanceStrategy.PROPORTIONALLY);
						writes.replaceConfiguration(
								BucketConfiguration.builder().addLimit(limit(Kind.WRITE, now)).build(),
								TokensInheritanceStrategy.PROPORTIONALLY);
					}
				}
			}
		}

		private io.github.bucket4j.Bandwidth limit(Kind kind, int replicas) {
			double perSecond = (kind == Kind.READ ? budget.readsPerSecond() : budget.writesPerSecond()) / replicas;
			long burst = Math.max(1, (kind == Kind.READ ? budget.readBurst() : budget.writeBurst()) / replicas);
			// refilled per hour so that a fraction per second (10/s over 3 replicas) stays exact enough
			long perHour = Math.max(1, Math.round(perSecond * 3600));
			return io.github.bucket4j.Bandwidth.builder().capacity(burst).refillGreedy(perHour, Duration.ofHours(1))
				.build();
		}

		private int live() {
			return Math.max(1, replicas.getAsInt());
		}
	}
}
