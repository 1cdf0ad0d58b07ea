package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.slotswap.azure.AzureException.Kind;
import io.slotswap.azure.SwapProgress.Status;

/**
 * The real SDK pipeline (JDK HTTP client, azure-core RetryPolicy) against a scripted HTTP server.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AzurePipelineTest {

	private static final SiteRef SITE = new SiteRef("sub-1", "rg", "app");

	record Seen(String method, String path, String authorization, String body) {
	}

	record Answer(int status, Map<String, String> headers, String body) {
	}

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private ServerSocket rawServer;

	@AfterEach
	void stop() throws IOException {
		if (server != null) {
			server.stop(0);
		}
		if (rawServer != null) {
			rawServer.close();
		}
		executor.shutdownNow();
	}

	/**
	 * A server that reads each request completely, counts it, and then closes the connection without
	 * answering: with {@code reset} by an RST (connection reset), else by a FIN (end of stream).
	 */
	private String serveNoAnswer(boolean reset) throws IOException {
		rawServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		executor.submit(() -> {
			while (!rawServer.isClosed()) {
				try (Socket socket = rawServer.accept()) {
					seen.add(readRequest(socket.getInputStream()));
					if (reset) {
						socket.setSoLinger(true, 0);
					}
				}
				catch (IOException closed) {
					// the test is over
				}
			}
			return null;
		});
		return "http://127.0.0.1:" + rawServer.getLocalPort() + "/emulator/arm";
	}

	private static Seen readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				break;
			}
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		String[] requestLine = lines[0].split(" ");
		int length = 0;
		for (String line : lines) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
		return new Seen(requestLine[0], requestLine[1], null, body);
	}

	/** Time for a retry policy that would re-send (50 ms back-off here) to have done so. */
	private static void graceForARetry() throws InterruptedException {
		Thread.sleep(500);
	}

	private String serve(Function<Integer, Answer> script) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> handle(exchange, script));
		// Several threads: a re-sent request is seen even while an earlier one is still held.
		server.setExecutor(executor);
		server.start();
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/emulator/arm";
	}

	private void handle(HttpExchange exchange, Function<Integer, Answer> script) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				exchange.getRequestHeaders().getFirst("Authorization"), body));
		Answer answer = script.apply(seen.size());
		answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	private static AzureSdkAppServiceGateway gateway(String endpoint, int maxRetries, Duration maxRetryDelay) {
		return new AzureSdkAppServiceGateway(
				AzureClients.forEndpoint(AzureSdkAppServiceGatewayTest.properties(maxRetries, maxRetryDelay), endpoint));
	}

	@Test
	void a_429_is_retried_after_the_retry_after_azure_asked_for() throws IOException {
		String endpoint = serve(n -> n == 1 ? new Answer(429, Map.of("Retry-After", "1"), null)
				: new Answer(202, Map.of("Retry-After", "2"), null));
		var gateway = gateway(endpoint, 3, Duration.ofSeconds(5));
		long start = System.nanoTime();
		SwapProgress progress = gateway.pollSwap(endpoint + "/operations/1");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(progress.status()).isEqualTo(Status.RUNNING);
		assertThat(progress.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(seen).hasSize(2);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void a_retry_after_longer_than_the_max_delay_is_handed_back_instead_of_waited_for() throws IOException {
		String endpoint = serve(n -> new Answer(429, Map.of("Retry-After", "60"),
				"{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"throttled\"}}"));
		var gateway = gateway(endpoint, 3, Duration.ofSeconds(2));
		assertThatThrownBy(() -> gateway.slot(SITE, "production"))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
				assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
			});
		assertThat(seen).hasSize(1);
	}

	@Test
	void a_5xx_is_retried_max_retries_times_then_unavailable() throws IOException {
		String endpoint = serve(n -> new Answer(503, Map.of(),
				"{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}"));
		var gateway = gateway(endpoint, 2, Duration.ofMillis(200));
		assertThatThrownBy(() -> gateway.stickyNames(SITE)).isInstanceOfSatisfying(AzureException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
			assertThat(e.code()).isEqualTo("ServiceUnavailable");
		});
		assertThat(seen).hasSize(3);
	}

	@Test
	void a_slot_other_than_production_reports_its_own_last_swap() throws IOException {
		String endpoint = serve(n -> new Answer(200, Map.of(), "{\"name\":\"app/staging\",\"location\":\"West Europe\","
				+ "\"properties\":{\"state\":\"Running\",\"defaultHostName\":\"app-staging.azurewebsites.net\","
				+ "\"siteConfig\":{\"autoSwapSlotName\":\"\"},\"slotSwapStatus\":{\"timestampUtc\":\"2026-11-20T09:14:03Z\","
				+ "\"sourceSlotName\":\"staging\",\"destinationSlotName\":\"production\"}}}"));
		var gateway = gateway(endpoint, 0, Duration.ofSeconds(1));
		SlotInfo staging = gateway.slot(SITE, "staging");
		assertThat(staging.name()).isEqualTo("staging");
		assertThat(staging.isProduction()).isFalse();
		assertThat(staging.lastSwap()).isEqualTo(
				new SlotSwapStatus(Instant.parse("2026-11-20T09:14:03Z"), "staging", "production"));
		assertThat(seen).as("one request per slot read: the configuration is not read with it").hasSize(1);
	}

	@Test
	void a_slots_auto_swap_is_one_read_of_its_configuration() throws IOException {
		String endpoint = serve(n -> new Answer(200, Map.of(), "{\"name\":\"web\",\"properties\":{\"autoSwapSlotName\":\"production\"}}"));
		var gateway = gateway(endpoint, 0, Duration.ofSeconds(1));
		assertThat(gateway.autoSwapSlot(SITE, "staging")).isEqualTo("production");
		assertThat(seen).singleElement()
			.satisfies(request -> assertThat(request.path()).contains("/sites/app/slots/staging/config/web"));
	}

	@Test
	void a_tally_counts_every_attempt_of_the_calls_made_inside_it_retries_included() throws IOException {
		String endpoint = serve(n -> n <= 2 ? new Answer(503, Map.of(), "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"later\"}}")
				: new Answer(200, Map.of(), "{\"name\":\"app\",\"properties\":{\"state\":\"Running\"}}"));
		var gateway = gateway(endpoint, 2, Duration.ofMillis(200));
		gateway.slot(SITE, "production");
		int counted;
		try (ArmRequests.Tally tally = ArmRequests.counting()) {
			gateway.slot(SITE, "production");
			counted = tally.requests();
		}
		assertThat(seen).hasSize(4);
		assertThat(counted).as("the read inside the tally: one attempt, and nothing of the calls before it").isEqualTo(1);
		server.stop(0);
		seen.clear();
		String failing = serve(n -> new Answer(503, Map.of(), "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"later\"}}"));
		var retrying = gateway(failing, 2, Duration.ofMillis(200));
		try (ArmRequests.Tally tally = ArmRequests.counting()) {
			assertThatThrownBy(() -> retrying.slot(SITE, "production")).isInstanceOf(AzureException.class);
			assertThat(tally.requests()).as("the first try and its two retries").isEqualTo(3);
		}
		assertThat(seen).hasSize(3);
	}

	@Test
	void a_4xx_is_not_retried() throws IOException {
		String endpoint = serve(n -> new Answer(404, Map.of(),
				"{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource 'Microsoft.Web/sites/app' was not found.\"}}"));
		var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
		assertThatThrownBy(() -> gateway.slot(SITE, "staging")).isInstanceOfSatisfying(AzureException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
			assertThat(e.code()).isEqualTo("ResourceNotFound");
		});
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0).path()).startsWith(
				"/emulator/arm/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Web/sites/app/slots/staging?api-version=");
	}

	@Test
	void a_swap_the_budget_holds_back_is_not_sent_and_is_definite_not_ambiguous() throws IOException {
		String[] endpoint = new String[1];
		endpoint[0] = serve(n -> new Answer(202,
				Map.of("Location", endpoint[0] + "/subscriptions/sub-1/operationresults/op" + n, "Retry-After", "1"), null));
		AzureProperties tight = new AzureProperties(null, "00000000-0000-0000-0000-000000000000", 3,
				Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(5),
				new AzureProperties.Budget(true, 100, 100, 0.1, 1, Duration.ofSeconds(10)));
		var gateway = new AzureSdkAppServiceGateway(AzureClients.forEndpoint(tight, endpoint[0]));
		assertThat(gateway.startSwap(SITE, "staging", "production", true).status()).isEqualTo(Status.RUNNING);
		try (ArmRequests.Tally step = ArmRequests.counting(Duration.ofMillis(100))) {
			assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true))
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.kind()).as("nothing went out: no lost answer to settle").isEqualTo(Kind.THROTTLED);
					assertThat(e.budgetSpent()).isTrue();
					assertThat(e.retryAfter()).isGreaterThan(Duration.ofSeconds(5));
				});
		}
		assertThat(seen).hasSize(1);
	}

	@Test
	void a_swap_sends_the_callers_preserve_vnet_and_returns_the_location_without_polling() throws IOException {
		String[] endpoint = new String[1];
		endpoint[0] = serve(n -> new Answer(202,
				Map.of("Location", endpoint[0] + "/subscriptions/sub-1/operationresults/op1", "Retry-After", "1"), null));
		var gateway = gateway(endpoint[0], 3, Duration.ofSeconds(1));
		SwapProgress progress = gateway.startSwap(SITE, "staging", "production", true);
		assertThat(progress.status()).isEqualTo(Status.RUNNING);
		assertThat(progress.pollUrl()).isEqualTo(endpoint[0] + "/subscriptions/sub-1/operationresults/op1");
		assertThat(progress.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(seen).hasSize(1);
		Seen request = seen.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).contains("/sites/app/slots/staging/slotsswap?api-version=");
		assertThat(request.body()).contains("\"targetSlot\":\"production\"").contains("\"preserveVnet\":true");
		assertThat(request.authorization()).isNull();
	}

	@Test
	void a_swap_whose_check_before_sending_refuses_goes_nowhere_and_the_check_s_exception_comes_back() throws IOException {
		String endpoint = serve(n -> new Answer(200, Map.of(), null));
		var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
		IllegalStateException notOurs = new IllegalStateException("the lease may have been taken");

		assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true, () -> {
			throw notOurs;
		})).isSameAs(notOurs);
		assertThat(seen).as("nothing on the wire").isEmpty();

		boolean[] asked = new boolean[1];
		gateway.startSwap(SITE, "staging", "production", true, () -> asked[0] = true);
		assertThat(asked[0]).isTrue();
		assertThat(seen).hasSize(1);
	}

	@Test
	void a_swap_from_production_uses_the_sites_own_slotsswap() throws IOException {
		String endpoint = serve(n -> new Answer(200, Map.of(), null));
		var gateway = gateway(endpoint, 0, Duration.ofSeconds(1));
		assertThat(gateway.startSwap(SITE, "production", "staging", false).status()).isEqualTo(Status.SUCCEEDED);
		assertThat(seen.get(0).path()).contains("/sites/app/slotsswap?api-version=");
		assertThat(seen.get(0).body()).contains("\"targetSlot\":\"staging\"").contains("\"preserveVnet\":false");
	}

	@Test
	void a_swap_answered_with_a_5xx_is_sent_once_and_ambiguous() throws Exception {
		for (int status : new int[] { 500, 502, 503, 504 }) {
			seen.clear();
			String endpoint = serve(n -> new Answer(status, Map.of("Retry-After", "1"),
					"{\"error\":{\"code\":\"GatewayTimeout\",\"message\":\"The gateway did not receive a response\"}}"));
			// The retrying pipeline would send it 4 times.
			var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
			for (String source : new String[] { "staging", "production" }) {
				assertThatThrownBy(() -> gateway.startSwap(SITE, source, source.equals("staging") ? "production"
						: "staging", true)).as("HTTP %d", status).isInstanceOfSatisfying(AzureException.class, e -> {
							assertThat(e.kind()).isEqualTo(Kind.AMBIGUOUS);
							assertThat(e.code()).isEqualTo(ArmErrors.SWAP_OUTCOME_UNKNOWN_CODE);
							assertThat(e.getMessage()).startsWith("Azure may have accepted the swap, but its answer was lost")
								.contains("HTTP " + status);
							assertThat(e.isTransient()).isFalse();
						});
			}
			graceForARetry();
			assertThat(seen).as("HTTP %d", status).hasSize(2);
			assertThat(seen.get(0).path()).contains("/sites/app/slots/staging/slotsswap?");
			assertThat(seen.get(1).path()).contains("/sites/app/slotsswap?");
			server.stop(0);
		}
	}

	@Test
	void a_swap_without_an_answer_within_the_time_out_is_sent_once_and_ambiguous() throws Exception {
		String endpoint = serve(n -> {
			try {
				Thread.sleep(3000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			return new Answer(202, Map.of("Location", "http://127.0.0.1:1/op"), null);
		});
		var gateway = new AzureSdkAppServiceGateway(AzureClients.forEndpoint(
				AzureSdkAppServiceGatewayTest.properties(3, Duration.ofSeconds(1), Duration.ofMillis(400)), endpoint));
		assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.AMBIGUOUS);
				assertThat(e.getMessage()).contains("no answer within the time-out");
			});
		graceForARetry();
		assertThat(seen).hasSize(1);
	}

	@Test
	void a_swap_whose_connection_is_closed_or_reset_before_the_answer_is_sent_once_and_ambiguous() throws Exception {
		for (boolean reset : new boolean[] { false, true }) {
			seen.clear();
			String endpoint = serveNoAnswer(reset);
			var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
			assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true)).as("reset %s", reset)
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.AMBIGUOUS);
					assertThat(e.getMessage()).contains("answer was lost");
				});
			graceForARetry();
			assertThat(seen).as("reset %s", reset).hasSize(1);
			assertThat(seen.get(0).method()).isEqualTo("POST");
			assertThat(seen.get(0).body()).contains("\"targetSlot\":\"production\"");
			rawServer.close();
		}
	}

	@Test
	void a_swap_refused_with_a_4xx_is_sent_once_and_definite() throws Exception {
		Map<Integer, Kind> expected = Map.of(400, Kind.REFUSED, 404, Kind.NOT_FOUND, 429, Kind.THROTTLED);
		for (var entry : expected.entrySet()) {
			seen.clear();
			String endpoint = serve(n -> new Answer(entry.getKey(), Map.of("Retry-After", "1"),
					"{\"error\":{\"code\":\"Code" + entry.getKey() + "\",\"message\":\"no\"}}"));
			var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
			assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true))
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.kind()).isEqualTo(entry.getValue());
					assertThat(e.code()).isEqualTo("Code" + entry.getKey());
				});
			graceForARetry();
			assertThat(seen).as("HTTP %d", entry.getKey()).hasSize(1);
			server.stop(0);
		}
	}

	@Test
	void a_swap_that_cannot_connect_is_unavailable_nothing_was_sent() {
		var gateway = gateway("http://127.0.0.1:1/emulator/arm", 3, Duration.ofMillis(100));
		assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
				assertThat(e.code()).isEqualTo(ArmErrors.UNAVAILABLE_CODE);
			});
	}

	@Test
	void a_concurrent_operation_on_the_site_is_a_conflict() throws IOException {
		String endpoint = serve(n -> new Answer(409, Map.of(), "{\"error\":{\"code\":\"Conflict\",\"message\":"
				+ "\"Cannot modify this site because another operation is in progress.\"}}"));
		var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
		assertThatThrownBy(() -> gateway.startSwap(SITE, "staging", "production", true))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.BUSY);
				assertThat(e.getMessage()).contains("another operation is in progress");
			});
		assertThat(seen).hasSize(1);
	}

	@Test
	void a_poll_reads_azures_failure_and_throws_what_says_nothing_of_the_swap() throws IOException {
		String endpoint = serve(n -> switch (n) {
			case 1 -> new Answer(417, Map.of(),
					"{\"error\":{\"code\":\"ExpectationFailed\",\"message\":\"The slot did not respond to http ping\"}}");
			case 2 -> new Answer(404, Map.of(), "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such operation\"}}");
			default -> new Answer(403, Map.of(), "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}");
		});
		var gateway = gateway(endpoint, 3, Duration.ofSeconds(1));
		SwapProgress failed = gateway.pollSwap(endpoint + "/operations/1");
		assertThat(failed.status()).isEqualTo(Status.FAILED);
		assertThat(failed.errorCode()).isEqualTo("ExpectationFailed");
		assertThatThrownBy(() -> gateway.pollSwap(endpoint + "/operations/1"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
		assertThatThrownBy(() -> gateway.pollSwap(endpoint + "/operations/1"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED));
		assertThat(seen).hasSize(3);
		assertThat(seen).allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
	}

	@Test
	void an_unreachable_endpoint_is_unavailable_and_not_reachable() {
		var gateway = gateway("http://127.0.0.1:1/emulator/arm", 1, Duration.ofMillis(100));
		assertThatThrownBy(() -> gateway.slot(SITE, "production")).isInstanceOfSatisfying(AzureException.class, e -> {
			assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
			assertThat(e.code()).isEqualTo("ResourceManagerUnavailable");
		});
		assertThatThrownBy(() -> gateway.pollSwap("http://127.0.0.1:1/emulator/arm/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
		assertThat(gateway.reachable()).isFalse();
	}

	@Test
	void any_answer_means_reachable_and_the_answer_is_cached() throws IOException {
		String endpoint = serve(n -> new Answer(401, Map.of(), null));
		var gateway = gateway(endpoint, 0, Duration.ofSeconds(1));
		assertThat(gateway.reachable()).isTrue();
		assertThat(gateway.reachable()).isTrue();
		assertThat(seen).hasSize(1);
		assertThat(seen.get(0).path()).startsWith(
				"/emulator/arm/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Web?api-version=");
	}
}
