package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

import io.slotswap.azure.AzureException.Kind;
import io.slotswap.azure.SwapProgress.Status;

/** The long-running-operation protocol of a swap: initial answer, polling URL, pacing, poll answers. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SwapLongRunningOperationTest {

	@Test
	void a_202_is_running_with_the_new_location_and_its_retry_after() {
		HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.LOCATION, "http://localhost:8080/emulator/arm/op/2")
			.set(HttpHeaderName.RETRY_AFTER, "1");
		SwapProgress progress = SwapLongRunningOperation.pollProgress(202, headers, null,
				"http://localhost:8080/emulator/arm/op/1");
		assertThat(progress.status()).isEqualTo(Status.RUNNING);
		assertThat(progress.pollUrl()).isEqualTo("http://localhost:8080/emulator/arm/op/2");
		assertThat(progress.retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void a_202_without_headers_keeps_polling_the_same_url_after_the_default_delay() {
		SwapProgress progress = SwapLongRunningOperation.pollProgress(202, new HttpHeaders(), null, "http://h/op/1");
		assertThat(progress.pollUrl()).isEqualTo("http://h/op/1");
		assertThat(progress.retryAfter()).isEqualTo(SwapLongRunningOperation.DEFAULT_POLL_DELAY);
	}

	@Test
	void a_200_201_or_204_means_the_swap_succeeded() {
		for (int status : new int[] { 200, 201, 204 }) {
			assertThat(SwapLongRunningOperation.pollProgress(status, new HttpHeaders(), new byte[0], "http://h/op")
				.status()).isEqualTo(Status.SUCCEEDED);
		}
	}

	@Test
	void an_async_operation_body_is_read_by_its_status() {
		assertThat(SwapLongRunningOperation.pollProgress(200, new HttpHeaders(),
				bytes("{\"status\":\"InProgress\"}"), "http://h/op").status()).isEqualTo(Status.RUNNING);
		SwapProgress failed = SwapLongRunningOperation.pollProgress(200, new HttpHeaders(),
				bytes("{\"status\":\"Failed\",\"error\":{\"code\":\"ExpectationFailed\",\"message\":\"no ping\"}}"),
				"http://h/op");
		assertThat(failed.status()).isEqualTo(Status.FAILED);
		assertThat(failed.errorCode()).isEqualTo("ExpectationFailed");
	}

	@Test
	void another_status_is_a_failed_swap_with_azures_error() {
		SwapProgress progress = SwapLongRunningOperation.pollProgress(400, new HttpHeaders(), bytes(
				"{\"error\":{\"code\":\"BadRequest\",\"message\":\"allocation of VM instances changed during the swap\"}}"),
				"http://h/op");
		assertThat(progress.status()).isEqualTo(Status.FAILED);
		assertThat(progress.errorCode()).isEqualTo("BadRequest");
		assertThat(progress.errorMessage()).contains("allocation of VM instances");
	}

	@Test
	void a_failure_without_an_arm_error_gets_a_generic_code() {
		SwapProgress progress = SwapLongRunningOperation.pollProgress(417, new HttpHeaders(), bytes("nope"),
				"http://h/op");
		assertThat(progress.errorCode()).isEqualTo("AzureSwapFailed");
		assertThat(progress.errorMessage()).contains("417");
	}

	@Test
	void throttling_or_a_5xx_while_polling_is_thrown_as_transient() {
		assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(429,
				new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "30"), null, "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
				assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			});
		assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(502, new HttpHeaders(), null, "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
	}

	@Test
	void the_initial_202_gives_the_location_to_poll_resolved_against_the_request() {
		HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.LOCATION, "/emulator/arm/operations/42");
		SwapProgress progress = SwapLongRunningOperation.initialProgress(new SwapLongRunningOperation.InitialAnswer(
				202, headers, "http://localhost:8080/emulator/arm/subscriptions/s/slotsswap?api-version=x"));
		assertThat(progress.status()).isEqualTo(Status.RUNNING);
		assertThat(progress.pollUrl()).isEqualTo("http://localhost:8080/emulator/arm/operations/42");
	}

	@Test
	void the_initial_202_without_a_polling_url_is_an_error() {
		assertThatThrownBy(() -> SwapLongRunningOperation
			.initialProgress(new SwapLongRunningOperation.InitialAnswer(202, new HttpHeaders(), null)))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.code()).isEqualTo("MissingPollingUrl"));
	}

	@Test
	void an_initial_200_means_the_swap_is_already_done() {
		assertThat(SwapLongRunningOperation
			.initialProgress(new SwapLongRunningOperation.InitialAnswer(200, new HttpHeaders(), null))
			.status()).isEqualTo(Status.SUCCEEDED);
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}
}
