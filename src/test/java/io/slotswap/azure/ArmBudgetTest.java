package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ArmBudgetTest {

	static final long SECOND = 1_000_000_000L;

	final AtomicLong now = new AtomicLong(1_000 * SECOND);

	final AtomicInteger replicas = new AtomicInteger(1);

	/** Reads 10 at once + 5/s, writes 4 at once + 2/s, a call waits at most 3 s. */
	ArmBudget budget() {
		return new ArmBudget(new AzureProperties.Budget(true, 5, 10, 2, 4, Duration.ofSeconds(3)), replicas::get,
				now::get);
	}

	@Test
	void theBurstGoesOutAtOnceThenCallsAreSpacedByTheRefillRate() {
		ArmBudget budget = budget();
		for (int i = 0; i < 4; i++) {
			assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).isZero();
		}
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).as("the fifth waits half a second")
			.isBetween(SECOND / 2 - SECOND / 100, SECOND / 2 + SECOND / 100);
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).as("the sixth, a second: tokens are reserved in turn")
			.isBetween(SECOND - SECOND / 100, SECOND + SECOND / 100);
		assertThat(budget.take("sub-a", ArmBudget.Kind.READ)).as("reads have a bucket of their own").isZero();
		assertThat(budget.take("sub-b", ArmBudget.Kind.WRITE)).as("and so has each subscription").isZero();
	}

	@Test
	void aCallThatWouldWaitLongerThanMaxWaitIsNotSentAndSaysWhenToComeBack() {
		ArmBudget budget = budget();
		for (int i = 0; i < 10; i++) {
			budget.take("sub-a", ArmBudget.Kind.WRITE);
		}
		// 4 at once, then 6 reserved over 3 s: the next would wait 3.5 s
		assertThatThrownBy(() -> budget.take("sub-a", ArmBudget.Kind.WRITE))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(AzureException.Kind.THROTTLED);
				assertThat(e.retryAfter()).isBetween(Duration.ofMillis(3400), Duration.ofMillis(3600));
			});
		now.addAndGet(4 * SECOND);
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).as("the refused call took nothing").isLessThan(SECOND);
	}

	@Test
	void liveReplicasShareTheBudgetEvenly() {
		replicas.set(2);
		ArmBudget budget = budget();
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).isZero();
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).isZero();
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).as("half the burst, refilled at half the rate: 1/s")
			.isBetween(SECOND - SECOND / 100, SECOND + SECOND / 100);
	}

	@Test
	void aThrottleFromAzureStopsThatKindOfCallForItsRetryAfter() {
		ArmBudget budget = budget();
		budget.throttledByAzure("sub-a", ArmBudget.Kind.READ, Duration.ofSeconds(2));
		assertThat(budget.take("sub-a", ArmBudget.Kind.READ)).isBetween(2 * SECOND - SECOND / 100, 2 * SECOND);
		assertThat(budget.take("sub-a", ArmBudget.Kind.WRITE)).isZero();
		budget.throttledByAzure("sub-a", ArmBudget.Kind.WRITE, Duration.ofSeconds(30));
		assertThatThrownBy(() -> budget.take("sub-a", ArmBudget.Kind.WRITE)).isInstanceOf(AzureException.class);
	}

	@Test
	void theSubscriptionIsReadFromTheResourceManagerPath() {
		assertThat(ArmBudget.subscriptionOf("/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Web/sites/s"))
			.isEqualTo("abc");
		assertThat(ArmBudget.subscriptionOf("/emulator/arm/subscriptions/x/providers/Microsoft.Web/locations/l"))
			.isEqualTo("x");
		assertThat(ArmBudget.subscriptionOf("/providers/Microsoft.Web/operations")).isNull();
	}

	@Test
	void slotswapSpendsNineTenthsOfWhatAzureGrantsSoThatJitterNeverEmptiesAzuresBucket() {
		AzureProperties.Budget spent = AzureProperties.Budget.AZURE.spendable();
		assertThat(spent.readsPerSecond()).isEqualTo(22.5);
		assertThat(spent.readBurst()).isEqualTo(225);
		assertThat(spent.writesPerSecond()).isEqualTo(9);
		assertThat(spent.writeBurst()).isEqualTo(180);
		assertThat(new AzureProperties.Budget(true, 1, 1, 1, 1, Duration.ofSeconds(1)).spendable().readBurst())
			.as("never a bucket that holds nothing").isEqualTo(1);
	}

	@Test
	void aCallOfATallyThatWaitsLessForBudgetIsNotSentPastItAndSaysWhenTheTokenIsDue() throws Exception {
		AtomicInteger sent = new AtomicInteger();
		HttpPipeline pipeline = new HttpPipelineBuilder().policies(new ArmRequests(), budget())
			.httpClient(request -> {
				sent.incrementAndGet();
				return Mono.just(ok(request));
			})
			.build();
		HttpRequest write = new HttpRequest(HttpMethod.POST,
				URI.create("http://arm/subscriptions/sub-a/resourceGroups/rg/providers/Microsoft.Web/sites/s/slotsswap").toURL());
		for (int i = 0; i < 4; i++) {
			pipeline.sendSync(write, Context.NONE).close();
		}
		try (ArmRequests.Tally step = ArmRequests.counting(Duration.ofMillis(100))) {
			assertThatThrownBy(() -> pipeline.sendSync(write, Context.NONE))
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.budgetSpent()).isTrue();
					assertThat(e.retryAfter()).as("the fifth write's token is due in half a second")
						.isBetween(Duration.ofMillis(490), Duration.ofMillis(510));
				});
			assertThat(step.requests()).as("nothing went out for it").isZero();
		}
		assertThat(sent).hasValue(4);
		long started = System.nanoTime();
		pipeline.sendSync(write, Context.NONE).close();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("outside the tally it waits, up to max-wait")
			.isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertThat(sent).hasValue(5);
	}

	private static HttpResponse ok(HttpRequest request) {
		return new HttpResponse(request) {

			@Override
			public int getStatusCode() {
				return 200;
			}

			@Override
			@Deprecated
			public String getHeaderValue(String name) {
				return null;
			}

			@Override
			public HttpHeaders getHeaders() {
				return new HttpHeaders();
			}

			@Override
			public Flux<ByteBuffer> getBody() {
				return Flux.empty();
			}

			@Override
			public Mono<byte[]> getBodyAsByteArray() {
				return Mono.just(new byte[0]);
			}

			@Override
			public Mono<String> getBodyAsString() {
				return Mono.just("");
			}

			@Override
			public Mono<String> getBodyAsString(Charset charset) {
				return Mono.just("");
			}
		};
	}
}
