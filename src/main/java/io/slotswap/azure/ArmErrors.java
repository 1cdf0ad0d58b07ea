package io.slotswap.azure;

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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;

import reactor.core.Exceptions;

import io.slotswap.azure.AzureException.Kind;

/**
 * Turns whatever the SDK throws into an {@link AzureException}, and reads Resource Manager's error
 * envelope and {@code Retry-After}. Messages are built from the ARM error's {@code message} field
 * or from the HTTP status, never from the raw body or from the SDK's exception message (which
 * embeds the body).
 */
final class ArmErrors {

	static final String UNAVAILABLE_CODE = "ResourceManagerUnavailable";

	static final String SWAP_FAILED_CODE = "AzureSwapFailed";

	/** {@link Kind#AMBIGUOUS}: the swap may have been taken, its answer was lost. */
	static final String SWAP_OUTCOME_UNKNOWN_CODE = "SwapOutcomeUnknown";

	/** Longest Azure message passed on. */
	private static final int MAX_MESSAGE = 500;

	private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

	private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");

	private ArmErrors() {
	}

	/** The error from Resource Manager's envelope {@code {"error":{"code","message"}}}. */
	record ArmError(String code, String message) {
	}

	/**
	 * Maps anything thrown while talking to Resource Manager. Reactor and
	 * {@link UncheckedIOException} wrappers are looked through.
	 */
	static AzureException map(Throwable thrown) {
		Throwable t = Exceptions.unwrap(thrown);
		if (t instanceof AzureException azure) {
			return azure;
		}
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c instanceof ClientAuthenticationException || c instanceof CredentialUnavailableException) {
				return new AzureException(Kind.REFUSED, "AzureAuthenticationFailed",
						"Could not obtain an Azure credential (" + c.getClass().getSimpleName() + ")", null, t);
			}
			if (c instanceof HttpResponseException http && http.getResponse() != null) {
				return fromResponse(http);
			}
			if (c instanceof IOException || c instanceof UncheckedIOException || c instanceof TimeoutException) {
				return unreachable(t);
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return new AzureException(Kind.UNAVAILABLE, "AzureClientError",
				"Unexpected error talking to Resource Manager (" + t.getClass().getSimpleName() + ")", null, t);
	}

	/**
	 * Maps a failure of the swap POST, which is sent once, by what it says about whether Azure may
	 * have acted on it:
	 * <table>
	 * <caption>Errors of the swap request</caption>
	 * <tr><th>what happened</th><th>kind</th><th>why</th></tr>
	 * <tr><td>HTTP 404 / 409 {@code Conflict} / other 409 / 429 / 408 / other 4xx</td>
	 * <td>NOT_FOUND / BUSY / REFUSED / THROTTLED / UNAVAILABLE / REFUSED, as {@link #fromStatus}</td>
	 * <td>Azure answered, and a 4xx means it did not take the swap</td></tr>
	 * <tr><td>HTTP 5xx (500, 502, 503, 504, …)</td><td>AMBIGUOUS</td>
	 * <td>a gateway or front end answered; Resource Manager may have taken the swap behind it</td></tr>
	 * <tr><td>the connection could not be opened ({@link ConnectException}, {@link HttpConnectTimeoutException},
	 * unknown host, no route)</td><td>UNAVAILABLE</td><td>nothing was sent</td></tr>
	 * <tr><td>no credential could be obtained</td><td>REFUSED, as {@link #map}</td><td>nothing was sent</td></tr>
	 * <tr><td>an {@link AzureException} of ours (e.g. the endpoint is not known yet)</td><td>unchanged</td>
	 * <td>it says itself what happened</td></tr>
	 * <tr><td>anything else: no answer within the time-out, connection reset or closed before the answer,
	 * an answer that cannot be read</td><td>AMBIGUOUS</td><td>the request may have been received and acted on</td></tr>
	 * </table>
	 */
	static AzureException mapSwapRequest(Throwable thrown) {
		Throwable t = Exceptions.unwrap(thrown);
		if (t instanceof AzureException azure) {
			return azure;
		}
		if (credentialFailure(t) || neverSent(t)) {
			return map(t);
		}
		HttpResponseException http = answer(t);
		if (http != null) {
			AzureException definite = fromResponse(http);
			int status = http.getResponse().getStatusCode();
			if (status < 500 && status != 408) {
				return definite; // Azure read the request and did not take the swap
			}
			// 5xx, and 408 (a proxy or Resource Manager gave up waiting): the swap may have been taken
			String azureCode = definite.code() == null || UNAVAILABLE_CODE.equals(definite.code()) ? ""
					: " " + definite.code();
			return ambiguous("Resource Manager answered HTTP " + status + azureCode, definite.retryAfter(), null);
		}
		return ambiguous(lostAnswer(t), null, t);
	}

	/**
	 * The connection could not even be opened (nothing was sent): refused, no route, unknown host,
	 * connect time-out. Looks through the whole cause chain.
	 */
	static boolean neverSent(Throwable thrown) {
		for (Throwable c = Exceptions.unwrap(thrown); c != null; c = c.getCause()) {
			if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException
					|| c instanceof UnknownHostException || c instanceof UnresolvedAddressException
					|| c instanceof NoRouteToHostException) {
				return true;
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return false;
	}

	static AzureException ambiguous(String what, Duration retryAfter, Throwable cause) {
		return new AzureException(Kind.AMBIGUOUS, SWAP_OUTCOME_UNKNOWN_CODE,
				"Azure may have accepted the swap, but its answer was lost (" + what + ")", retryAfter, cause);
	}

	private static String lostAnswer(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c instanceof HttpTimeoutException || c instanceof TimeoutException) {
				return "no answer within the time-out";
			}
			if (c.getCause() == c) {
				break;
			}
		}
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c instanceof IOException || c instanceof UncheckedIOException) {
				return "the connection ended before the answer: " + rootCauseName(t);
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return "unexpected " + rootCauseName(t);
	}

	private static boolean credentialFailure(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c instanceof ClientAuthenticationException || c instanceof CredentialUnavailableException) {
				return true;
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return false;
	}

	private static HttpResponseException answer(Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c instanceof HttpResponseException http && http.getResponse() != null) {
				return http;
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return null;
	}

	static AzureException unreachable(Throwable cause) {
		return new AzureException(Kind.UNAVAILABLE, UNAVAILABLE_CODE,
				"Resource Manager could not be reached (" + rootCauseName(cause) + ")", null, cause);
	}

	private static AzureException fromResponse(HttpResponseException http) {
		HttpResponse response = http.getResponse();
		ArmError error = null;
		if (http instanceof ManagementException management && management.getValue() != null) {
			ManagementError value = management.getValue();
			error = new ArmError(value.getCode(), value.getMessage());
		}
		else if (http.getValue() instanceof ManagementError value) {
			error = new ArmError(value.getCode(), value.getMessage());
		}
		// No cause: the SDK's exception message repeats the raw response body.
		return fromStatus(response.getStatusCode(), error, retryAfter(response.getHeaders()), null);
	}

	/** The mapping table: HTTP status (and Azure's error, if any) to our kind and code. */
	static AzureException fromStatus(int status, ArmError error, Duration retryAfter, Throwable cause) {
		String azureCode = error == null || blank(error.code()) ? null : error.code();
		String azureMessage = error == null || blank(error.message()) ? null : truncate(error.message());
		Kind kind;
		String code;
		if (status == 404) {
			kind = Kind.NOT_FOUND;
			code = orElse(azureCode, "ResourceNotFound");
		}
		else if (status == 409) {
			// "Conflict" = another operation is in progress (wait); any other 409 code is a refusal
			code = orElse(azureCode, "Conflict");
			kind = "Conflict".equalsIgnoreCase(code) ? Kind.BUSY : Kind.REFUSED;
		}
		else if (status == 429) {
			kind = Kind.THROTTLED;
			code = orElse(azureCode, "TooManyRequests");
		}
		else if (status >= 500 || status == 408) {
			kind = Kind.UNAVAILABLE;
			code = orElse(azureCode, UNAVAILABLE_CODE);
		}
		else {
			kind = Kind.REFUSED;
			code = orElse(azureCode, "HttpStatus" + status);
		}
		String message = azureMessage != null ? azureMessage : "Resource Manager answered HTTP " + status;
		return new AzureException(kind, code, message, kind == Kind.THROTTLED || kind == Kind.UNAVAILABLE
				|| kind == Kind.BUSY ? retryAfter : null, cause);
	}

	/** Reads {@code {"error":{"code","message"}}} (or a bare error object); null if it is not one. */
	static ArmError parseError(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try (JsonReader reader = JsonProviders.createReader(body)) {
			ManagementError error = ManagementError.fromJson(reader);
			if (error == null || (blank(error.getCode()) && blank(error.getMessage()))) {
				return null;
			}
			return new ArmError(error.getCode(), error.getMessage());
		}
		catch (IOException | RuntimeException notAnError) {
			return null;
		}
	}

	/**
	 * How long the server asked us to wait: {@code x-ms-retry-after-ms}, {@code retry-after-ms},
	 * then {@code Retry-After} (seconds or an HTTP date); null when none is usable.
	 */
	static Duration retryAfter(HttpHeaders headers) {
		if (headers == null) {
			return null;
		}
		Duration millis = millis(headers.getValue(X_MS_RETRY_AFTER_MS));
		if (millis == null) {
			millis = millis(headers.getValue(RETRY_AFTER_MS));
		}
		if (millis != null) {
			return millis;
		}
		return retryAfterValue(headers.getValue(HttpHeaderName.RETRY_AFTER), Instant.now());
	}

	/** A {@code Retry-After} value: delta seconds or an RFC 1123 date relative to {@code now}. */
	static Duration retryAfterValue(String value, Instant now) {
		if (blank(value)) {
			return null;
		}
		String v = value.trim();
		try {
			long seconds = Long.parseLong(v);
			return seconds < 0 ? null : Duration.ofSeconds(seconds);
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration d = Duration.between(now, at);
				return d.isNegative() ? Duration.ZERO : d;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

	private static Duration millis(String value) {
		if (blank(value)) {
			return null;
		}
		try {
			long ms = Long.parseLong(value.trim());
			return ms < 0 ? null : Duration.ofMillis(ms);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static final java.util.Set<String> RETRYABLE_SWAP_CODES = java.util.Set.of("InternalServerError",
			"ServiceUnavailable", "GatewayTimeout", "TooManyRequests");

	/**
	 * Whether a swap that Azure reported as failed may be sent again: Azure's own "... Please retry"
	 * (e.g. "allocation of VM instances changed during the swap") or an internal error. Azure left
	 * both slots as they were either way.
	 */
	static boolean retryableSwapFailure(String code, String message) {
		String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
		return text.contains("please retry") || text.contains("try again")
				|| (code != null && RETRYABLE_SWAP_CODES.contains(code));
	}

	static String truncate(String message) {
		String oneLine = message.replaceAll("[\\r\\n\\t]+", " ").trim();
		return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 1) + "…";
	}

	private static String rootCauseName(Throwable t) {
		Throwable root = t;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName();
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String orElse(String value, String fallback) {
		return value != null ? value : fallback;
	}
}
