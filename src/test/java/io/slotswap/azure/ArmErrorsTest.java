package io.slotswap.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;

import reactor.core.Exceptions;

import io.slotswap.azure.AzureException.Kind;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArmErrorsTest {

	private static ManagementException management(int status, String code, String message, Map<String, String> headers) {
		String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
		return new ManagementException("Status code " + status + ", \"" + body + "\"",
				new TestHttpResponse(status, headers, body), new ManagementError(code, message));
	}

	@Test
	void a_404_is_not_found_with_azures_code() {
		AzureException e = ArmErrors.map(management(404, "ResourceNotFound", "The Resource was not found.", Map.of()));
		assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
		assertThat(e.code()).isEqualTo("ResourceNotFound");
		assertThat(e.getMessage()).isEqualTo("The Resource was not found.");
		assertThat(e.isTransient()).isFalse();
	}

	@Test
	void a_409_is_a_transient_conflict() {
		AzureException e = ArmErrors.map(management(409, "Conflict",
				"Cannot modify this site because another operation is in progress.", Map.of()));
		assertThat(e.kind()).isEqualTo(Kind.BUSY);
		assertThat(e.code()).isEqualTo("Conflict");
		assertThat(e.isTransient()).isTrue();
	}

	@Test
	void a_429_is_throttled_and_carries_retry_after() {
		AzureException e = ArmErrors.map(management(429, "TooManyRequests", "Slow down", Map.of("Retry-After", "17")));
		assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
		assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
	}

	@Test
	void a_5xx_is_unavailable() {
		AzureException e = ArmErrors.map(new HttpResponseException("boom", new TestHttpResponse(503, Map.of(), "oops")));
		assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(e.code()).isEqualTo(ArmErrors.UNAVAILABLE_CODE);
		assertThat(e.getMessage()).isEqualTo("Resource Manager answered HTTP 503");
	}

	@Test
	void another_4xx_is_rejected_with_azures_code_and_message() {
		AzureException e = ArmErrors.map(management(400, "BadRequest", "The slot is bad", Map.of()));
		assertThat(e.kind()).isEqualTo(Kind.REFUSED);
		assertThat(e.code()).isEqualTo("BadRequest");
		assertThat(e.getMessage()).isEqualTo("The slot is bad");
		assertThat(e.isTransient()).isFalse();
	}

	@Test
	void a_4xx_without_an_arm_error_is_rejected_with_the_status_as_code() {
		AzureException e = ArmErrors.map(new HttpResponseException("Status code 403, \"<html>secret</html>\"",
				new TestHttpResponse(403, Map.of(), "<html>secret</html>")));
		assertThat(e.kind()).isEqualTo(Kind.REFUSED);
		assertThat(e.code()).isEqualTo("HttpStatus403");
		assertThat(e.getMessage()).doesNotContain("secret");
	}

	@Test
	void the_message_never_repeats_the_response_body() {
		String body = "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Invalid\"},\"properties\":{\"DB_PASSWORD\":\"hunter2\"}}";
		ManagementException thrown = new ManagementException("Status code 400, \"" + body + "\"",
				new TestHttpResponse(400, Map.of(), body), new ManagementError("BadRequest", "Invalid"));
		AzureException e = ArmErrors.map(thrown);
		assertThat(e.getMessage()).isEqualTo("Invalid").doesNotContain("hunter2");
		assertThat(e.getCause()).as("the SDK exception repeats the body").isNull();
	}

	@Test
	void connection_refused_is_unavailable_even_when_wrapped() {
		AzureException direct = ArmErrors.map(new UncheckedIOException(new ConnectException("Connection refused")));
		AzureException reactor = ArmErrors.map(Exceptions.propagate(new ConnectException("Connection refused")));
		AzureException nested = ArmErrors.map(new RuntimeException(new HttpTimeoutException("request timed out")));
		for (AzureException e : new AzureException[] { direct, reactor, nested }) {
			assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
			assertThat(e.code()).isEqualTo("ResourceManagerUnavailable");
			assertThat(e.isTransient()).isTrue();
		}
	}

	@Test
	void an_http_error_inside_a_reactor_wrapper_keeps_its_status() {
		AzureException e = ArmErrors.map(Exceptions.propagate(
				management(404, "ResourceNotFound", "nope", Map.of())));
		assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
	}

	@Test
	void an_azure_exception_passes_through_unchanged() {
		AzureException original = new AzureException(Kind.BUSY, "Conflict", "busy", null, null);
		assertThat(ArmErrors.map(original)).isSameAs(original);
	}

	@Test
	void an_unknown_failure_is_unavailable_without_its_message() {
		AzureException e = ArmErrors.map(new IllegalStateException("value=hunter2"));
		assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(e.getMessage()).doesNotContain("hunter2");
	}

	@Test
	void a_swap_answered_with_a_4xx_is_definite() {
		assertThat(ArmErrors.mapSwapRequest(management(404, "ResourceNotFound", "gone", Map.of())).kind())
			.isEqualTo(Kind.NOT_FOUND);
		assertThat(ArmErrors.mapSwapRequest(management(409, "Conflict", "another operation is in progress", Map.of()))
			.kind()).isEqualTo(Kind.BUSY);
		assertThat(ArmErrors.mapSwapRequest(management(409, "SlotSwapInProgress", "no", Map.of())).kind())
			.isEqualTo(Kind.REFUSED);
		AzureException throttled = ArmErrors.mapSwapRequest(
				Exceptions.propagate(management(429, "TooManyRequests", "slow", Map.of("Retry-After", "7"))));
		assertThat(throttled.kind()).isEqualTo(Kind.THROTTLED);
		assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(ArmErrors.mapSwapRequest(management(400, "BadRequest", "Please retry", Map.of())).kind())
			.isEqualTo(Kind.REFUSED);
		assertThat(ArmErrors.mapSwapRequest(management(417, "ExpectationFailed", "no ping", Map.of())).kind())
			.isEqualTo(Kind.REFUSED);
	}

	@Test
	void a_swap_answered_408_may_have_been_taken_and_is_ambiguous() {
		assertThat(ArmErrors.mapSwapRequest(new HttpResponseException("x", new TestHttpResponse(408, Map.of(), "")))
			.kind()).isEqualTo(Kind.AMBIGUOUS);
	}

	@Test
	void a_swap_answered_with_a_5xx_is_ambiguous() {
		for (int status : new int[] { 500, 502, 503, 504 }) {
			AzureException e = ArmErrors.mapSwapRequest(
					management(status, "GatewayTimeout", "secret body", Map.of("Retry-After", "3")));
			assertThat(e.kind()).as("HTTP %d", status).isEqualTo(Kind.AMBIGUOUS);
			assertThat(e.code()).isEqualTo(ArmErrors.SWAP_OUTCOME_UNKNOWN_CODE);
			assertThat(e.getMessage()).isEqualTo("Azure may have accepted the swap, but its answer was lost "
					+ "(Resource Manager answered HTTP " + status + " GatewayTimeout)");
			assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
			assertThat(e.isTransient()).isFalse();
		}
		AzureException bare = ArmErrors.mapSwapRequest(
				new HttpResponseException("Status code 502, <html/>", new TestHttpResponse(502, Map.of(), "<html/>")));
		assertThat(bare.kind()).isEqualTo(Kind.AMBIGUOUS);
		assertThat(bare.getMessage()).endsWith("(Resource Manager answered HTTP 502)").doesNotContain("html");
	}

	@Test
	void a_swap_whose_connection_could_not_be_opened_was_never_sent() {
		Throwable[] neverSent = { new ConnectException("Connection refused"),
				new UncheckedIOException(new ConnectException("Connection refused")),
				Exceptions.propagate(new HttpConnectTimeoutException("HTTP connect timed out")),
				new RuntimeException(new UnknownHostException("management.azure.example")),
				new IOException(new UnresolvedAddressException()), new NoRouteToHostException("no route") };
		for (Throwable t : neverSent) {
			assertThat(ArmErrors.neverSent(t)).as(t.toString()).isTrue();
			AzureException e = ArmErrors.mapSwapRequest(t);
			assertThat(e.kind()).as(t.toString()).isEqualTo(Kind.UNAVAILABLE);
			assertThat(e.code()).isEqualTo(ArmErrors.UNAVAILABLE_CODE);
		}
		AzureException noCredential = ArmErrors.mapSwapRequest(
				Exceptions.propagate(new CredentialUnavailableException("no managed identity")));
		assertThat(noCredential.kind()).isEqualTo(Kind.REFUSED);
		assertThat(noCredential.code()).isEqualTo("AzureAuthenticationFailed");
	}

	@Test
	void a_swap_whose_answer_was_lost_after_sending_is_ambiguous() {
		Map<Throwable, String> lost = new LinkedHashMap<>();
		lost.put(new HttpTimeoutException("request timed out"), "no answer within the time-out");
		lost.put(Exceptions.propagate(new TimeoutException()), "no answer within the time-out");
		lost.put(new UncheckedIOException(new IOException("Connection reset")),
				"the connection ended before the answer: IOException");
		lost.put(new IOException(new EOFException("EOF reached while reading")),
				"the connection ended before the answer: EOFException");
		lost.put(new IllegalStateException("value=hunter2"), "unexpected IllegalStateException");
		lost.forEach((t, what) -> {
			assertThat(ArmErrors.neverSent(t)).as(t.toString()).isFalse();
			AzureException e = ArmErrors.mapSwapRequest(t);
			assertThat(e.kind()).as(t.toString()).isEqualTo(Kind.AMBIGUOUS);
			assertThat(e.getMessage())
				.isEqualTo("Azure may have accepted the swap, but its answer was lost (" + what + ")")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void a_swap_error_of_our_own_passes_through() {
		AzureException notYet = new AzureException(Kind.UNAVAILABLE, ArmErrors.UNAVAILABLE_CODE, "port unknown", null,
				null);
		assertThat(ArmErrors.mapSwapRequest(notYet)).isSameAs(notYet);
	}

	@Test
	void the_arm_error_envelope_is_parsed_and_anything_else_is_not() {
		assertThat(ArmErrors.parseError("{\"error\":{\"code\":\"ExpectationFailed\",\"message\":\"no ping\"}}"
			.getBytes())).isEqualTo(new ArmErrors.ArmError("ExpectationFailed", "no ping"));
		assertThat(ArmErrors.parseError("<html/>".getBytes())).isNull();
		assertThat(ArmErrors.parseError(new byte[0])).isNull();
		assertThat(ArmErrors.parseError("{\"status\":\"Failed\"}".getBytes())).isNull();
	}

	@Test
	void retry_after_is_read_from_millisecond_headers_then_seconds_then_a_date() throws IOException {
		HttpHeaders ms = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-retry-after-ms"), "1500")
			.set(HttpHeaderName.RETRY_AFTER, "9");
		assertThat(ArmErrors.retryAfter(ms)).isEqualTo(Duration.ofMillis(1500));
		assertThat(ArmErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "3")))
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(ArmErrors.retryAfterValue("Wed, 21 Oct 2015 07:28:30 GMT",
				Instant.parse("2015-10-21T07:28:00Z"))).isEqualTo(Duration.ofSeconds(30));
		assertThat(ArmErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "soon"))).isNull();
		assertThat(ArmErrors.retryAfter(new HttpHeaders())).isNull();
	}
}
