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
	void azures_own_please_retry_is_a_retryable_failure_and_a_failed_ping_is_not() {
		SwapProgress transientFailure = SwapLongRunningOperation.pollProgress(400, new HttpHeaders(), bytes(
				"{\"error\":{\"code\":\"BadRequest\",\"message\":\"The allocation of VM instances changed during the swap. Please retry.\"}}"),
				"http://h/op");
		assertThat(transientFailure.status()).isEqualTo(Status.FAILED);
		assertThat(transientFailure.retryable()).isTrue();
		SwapProgress ping = SwapLongRunningOperation.pollProgress(417, new HttpHeaders(),
				bytes("{\"error\":{\"code\":\"ExpectationFailed\",\"message\":\"The slot did not respond to http ping.\"}}"),
				"http://h/op");
		assertThat(ping.status()).isEqualTo(Status.FAILED);
		assertThat(ping.errorCode()).isEqualTo("ExpectationFailed");
		assertThat(ping.retryable()).isFalse();
	}

	@Test
	void a_non_2xx_answer_without_an_arm_error_says_nothing_of_the_swap() {
		assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(417, new HttpHeaders(), bytes("<html>nope</html>"),
				"http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
				assertThat(e.code()).isEqualTo(SwapLongRunningOperation.UNEXPECTED_POLL_ANSWER_CODE);
				assertThat(e.getMessage()).contains("HTTP 417").doesNotContain("nope");
			});
		assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(400, new HttpHeaders(), null, "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
	}

	@Test
	void a_404_means_azure_no_longer_knows_the_operation() {
		assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(404, new HttpHeaders(),
				bytes("{\"error\":{\"code\":\"NotFound\",\"message\":\"Operation op1 not found\"}}"), "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
				assertThat(e.code()).isEqualTo("NotFound");
			});
		assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(404, new HttpHeaders(), null, "http://h/op"))
			.isInstanceOfSatisfying(AzureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
	}

	@Test
	void a_poll_that_is_not_allowed_is_thrown_even_with_an_arm_error() {
		for (int status : new int[] { 401, 403 }) {
			assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(status, new HttpHeaders(), bytes(
					"{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have authorization\"}}"),
					"http://h/op"))
				.as("HTTP %d", status)
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.REFUSED);
					assertThat(e.code()).isEqualTo("AuthorizationFailed");
				});
		}
	}

	@Test
	void a_5xx_or_408_is_thrown_even_with_an_arm_error() {
		for (int status : new int[] { 408, 500, 502, 503, 504 }) {
			assertThatThrownBy(() -> SwapLongRunningOperation.pollProgress(status,
					new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "4"),
					bytes("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}"), "http://h/op"))
				.as("HTTP %d", status)
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
					assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4));
				});
		}
	}

	@Test
	void an_async_operation_that_was_canceled_failed_and_any_other_status_still_runs() {
		SwapProgress canceled = SwapLongRunningOperation.pollProgress(200, new HttpHeaders(),
				bytes("{\"status\":\"Canceled\"}"), "http://h/op");
		assertThat(canceled.status()).isEqualTo(Status.FAILED);
		assertThat(canceled.errorCode()).isEqualTo(ArmErrors.SWAP_FAILED_CODE);
		assertThat(canceled.errorMessage()).isEqualTo("Resource Manager reported the swap canceled");
		SwapProgress failed = SwapLongRunningOperation.pollProgress(200, new HttpHeaders(),
				bytes("{\"status\":\"Failed\"}"), "http://h/op");
		assertThat(failed.status()).isEqualTo(Status.FAILED);
		assertThat(SwapLongRunningOperation.pollProgress(200, new HttpHeaders(), bytes("{\"status\":\"Succeeded\"}"),
				"http://h/op").status()).isEqualTo(Status.SUCCEEDED);
		SwapProgress running = SwapLongRunningOperation.pollProgress(200,
				new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "2"), bytes("{\"status\":\"Running\"}"), "http://h/op");
		assertThat(running.status()).isEqualTo(Status.RUNNING);
		assertThat(running.pollUrl()).isEqualTo("http://h/op");
		assertThat(running.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void the_poll_url_must_point_at_the_configured_resource_manager() {
		String endpoint = "https://management.azure.com";
		assertThat(SwapLongRunningOperation.checkedPollUrl(
				"https://management.azure.com:443/subscriptions/s/providers/Microsoft.Web/locations/x/operationResults/1",
				() -> endpoint)).hasHost("management.azure.com");
		for (String url : new String[] { "https://evil.example/op", "http://management.azure.com/op",
				"https://management.azure.com:8443/op", "/op", " ", "http://[bad" }) {
			assertThatThrownBy(() -> SwapLongRunningOperation.checkedPollUrl(url, () -> endpoint)).as(url)
				.isInstanceOfSatisfying(AzureException.class, e -> {
					assertThat(e.kind()).isEqualTo(Kind.REFUSED);
					assertThat(e.code()).isEqualTo("InvalidPollUrl");
				});
		}
	}

	@Test
	void a_202_without_a_retry_after_or_with_zero_waits_the_default() {
		assertThat(SwapLongRunningOperation.pollDelay(new HttpHeaders())).isEqualTo(SwapLongRunningOperation.DEFAULT_POLL_DELAY);
		assertThat(SwapLongRunningOperation.pollDelay(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "0")))
			.isEqualTo(SwapLongRunningOperation.DEFAULT_POLL_DELAY);
		assertThat(SwapLongRunningOperation.pollDelay(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "12")))
			.isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void the_initial_202_may_name_an_azure_async_operation_instead_of_a_location() {
		HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("Azure-AsyncOperation"),
				"https://management.azure.com/subscriptions/s/providers/Microsoft.Web/operations/7?api-version=x");
		SwapProgress progress = SwapLongRunningOperation.initialProgress(
				new SwapLongRunningOperation.InitialAnswer(202, headers, "https://management.azure.com/x/slotsswap"));
		assertThat(progress.pollUrl()).endsWith("/operations/7?api-version=x");
		assertThat(progress.retryAfter()).isEqualTo(SwapLongRunningOperation.DEFAULT_POLL_DELAY);
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
			.isInstanceOfSatisfying(AzureException.class, e -> {
				assertThat(e.code()).isEqualTo("MissingPollingUrl");
				assertThat(e.kind()).isEqualTo(Kind.AMBIGUOUS);
			});
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
