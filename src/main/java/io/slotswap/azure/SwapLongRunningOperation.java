package io.slotswap.azure;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonToken;

import io.slotswap.azure.AzureException.Kind;

/**
 * Resource Manager's long-running-operation protocol for a swap, as the Java SDK reads it: the
 * initial answer of {@code slotsswap}, the polling URL, {@code Retry-After} pacing, and one poll's
 * answer. Pure functions of status, headers and body; the HTTP calls stay in
 * {@link AzureSdkAppServiceGateway} (the POST on the send-once pipeline, the polls on the retrying
 * one: a GET is safe to repeat).
 * <p>
 * <b>Initial answer</b> of the POST: 202 = running, followed at its {@code Location} (else its
 * {@code Azure-AsyncOperation}), resolved against the request URL; a 202 without either is
 * {@link Kind#AMBIGUOUS} (Azure took the swap, nothing says how to follow it); 200 (or another 2xx
 * the SDK accepts) = done. The POST's errors are not read here: see {@link ArmErrors#mapSwapRequest}.
 * <p>
 * <b>Pacing</b>: the next poll after {@code Retry-After} (or {@code retry-after-ms} /
 * {@code x-ms-retry-after-ms}), else {@link #DEFAULT_POLL_DELAY}.
 * <p>
 * <b>A poll answer</b> ({@link #pollProgress}):
 * <table>
 * <caption>One poll of the swap's polling URL</caption>
 * <tr><th>answer</th><th>result</th></tr>
 * <tr><td>202</td><td>RUNNING; a new {@code Location} replaces the polling URL</td></tr>
 * <tr><td>200 / 201 / 204, no body or no {@code status} in it, or {@code status: Succeeded}</td><td>SUCCEEDED</td></tr>
 * <tr><td>200 / 201 / 204 with {@code status: Failed} or {@code Canceled}</td><td><b>FAILED</b></td></tr>
 * <tr><td>200 / 201 / 204 with another {@code status} ({@code InProgress}, {@code Running}, …)</td><td>RUNNING, same URL</td></tr>
 * <tr><td>404</td><td>thrown {@link Kind#NOT_FOUND}: Azure no longer knows the operation</td></tr>
 * <tr><td>401 / 403</td><td>thrown {@link Kind#REFUSED}: this poll was not allowed, it says nothing of the swap</td></tr>
 * <tr><td>408, 5xx</td><td>thrown {@link Kind#UNAVAILABLE}</td></tr>
 * <tr><td>429</td><td>thrown {@link Kind#THROTTLED} with its {@code Retry-After}</td></tr>
 * <tr><td>any other status with Resource Manager's error envelope {@code {"error":{"code","message"}}}</td><td><b>FAILED</b> with that error</td></tr>
 * <tr><td>any other status without that envelope</td><td>thrown {@link Kind#UNAVAILABLE} ({@code UnexpectedPollAnswer})</td></tr>
 * </table>
 * So "Azure says the swap failed" ({@link SwapProgress#failed}) means exactly one of: a 200/201/204
 * whose {@code Azure-AsyncOperation} body says {@code Failed} or {@code Canceled}; or an answer
 * other than 200, 201, 202, 204, 401, 403, 404, 408, 429 and 5xx that carries the ARM error envelope
 * (e.g. 400 "allocation of VM instances changed during the swap … Please retry", 417
 * {@code ExpectationFailed} "slot did not respond to http ping"). Azure then left both slots as they
 * were. Every thrown answer means "no word on the swap from this poll": wait, poll again, reconcile
 * through the slots' {@code slotSwapStatus}; never end the swap on it.
 * <p>
 * <b>Polling URL check</b> ({@link #checkedPollUrl}): it must point at the configured Resource
 * Manager (scheme, host, port), since the pipeline attaches the Azure credential to what it sends.
 */
final class SwapLongRunningOperation {

	/** Poll delay when a running swap's answer carries no {@code Retry-After}. */
	static final Duration DEFAULT_POLL_DELAY = Duration.ofSeconds(5);

	/** Largest poll answer body read (an ARM error or an {@code Azure-AsyncOperation} status). */
	static final int MAX_BODY = 64 * 1024;

	/** A poll answer that is neither the protocol's nor an ARM error. */
	static final String UNEXPECTED_POLL_ANSWER_CODE = "UnexpectedPollAnswer";

	private static final HttpHeaderName AZURE_ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");

	private SwapLongRunningOperation() {
	}

	/** The first answer to the swap POST. */
	record InitialAnswer(int status, HttpHeaders headers, String requestUrl) {
	}

	static SwapProgress initialProgress(InitialAnswer answer) {
		if (answer.status() == 202) {
			String url = pollUrlFrom(answer.headers(), answer.requestUrl());
			if (url == null) {
				// Azure took the swap: only the slots' slotSwapStatus can tell how it ends.
				throw new AzureException(Kind.AMBIGUOUS, "MissingPollingUrl",
						"Resource Manager accepted the swap without a Location to follow it", null, null);
			}
			return SwapProgress.running(url, pollDelay(answer.headers()));
		}
		return SwapProgress.succeeded();
	}

	/** {@code Location} first (its protocol is what {@link #pollProgress} reads), else {@code Azure-AsyncOperation}. */
	static String pollUrlFrom(HttpHeaders headers, String requestUrl) {
		String url = headers.getValue(HttpHeaderName.LOCATION);
		if (ArmErrors.blank(url)) {
			url = headers.getValue(AZURE_ASYNC_OPERATION);
		}
		if (ArmErrors.blank(url)) {
			return null;
		}
		URI uri = URI.create(url.trim());
		if (!uri.isAbsolute() && requestUrl != null) {
			uri = URI.create(requestUrl).resolve(uri);
		}
		return uri.toString();
	}

	static Duration pollDelay(HttpHeaders headers) {
		Duration d = ArmErrors.retryAfter(headers);
		return d == null || d.isZero() ? DEFAULT_POLL_DELAY : d;
	}

	/** One poll's answer, by the table of the class comment. */
	static SwapProgress pollProgress(int status, HttpHeaders headers, byte[] body, String pollUrl) {
		if (status == 202) {
			String next = pollUrlFrom(headers, pollUrl);
			return SwapProgress.running(next != null ? next : pollUrl, pollDelay(headers));
		}
		if (status == 200 || status == 201 || status == 204) {
			String operationStatus = operationStatus(body);
			if (operationStatus == null || "Succeeded".equalsIgnoreCase(operationStatus)) {
				return SwapProgress.succeeded();
			}
			if ("Failed".equalsIgnoreCase(operationStatus) || "Canceled".equalsIgnoreCase(operationStatus)
					|| "Cancelled".equalsIgnoreCase(operationStatus)) {
				return failedFrom(body, "Resource Manager reported the swap " + operationStatus.toLowerCase(Locale.ROOT));
			}
			return SwapProgress.running(pollUrl, pollDelay(headers));
		}
		ArmErrors.ArmError error = ArmErrors.parseError(body);
		if (noWordOnTheSwap(status)) {
			throw ArmErrors.fromStatus(status, error, ArmErrors.retryAfter(headers), null);
		}
		if (error == null) {
			throw new AzureException(Kind.UNAVAILABLE, UNEXPECTED_POLL_ANSWER_CODE, "Resource Manager answered HTTP "
					+ status + " without an error while following the swap", ArmErrors.retryAfter(headers), null);
		}
		return failedFrom(body, "Resource Manager answered HTTP " + status + " while following the swap");
	}

	/**
	 * Answers about the poll itself, not the swap: the operation is unknown (404), the poll was not
	 * allowed (401, 403), or Resource Manager could not answer now (408, 429, 5xx).
	 */
	static boolean noWordOnTheSwap(int status) {
		return status == 401 || status == 403 || status == 404 || status == 408 || status == 429 || status >= 500;
	}

	private static SwapProgress failedFrom(byte[] body, String fallbackMessage) {
		ArmErrors.ArmError error = ArmErrors.parseError(body);
		String code = error == null || ArmErrors.blank(error.code()) ? ArmErrors.SWAP_FAILED_CODE : error.code();
		String message = error == null || ArmErrors.blank(error.message()) ? fallbackMessage
				: ArmErrors.truncate(error.message());
		return SwapProgress.failed(code, message, ArmErrors.retryableSwapFailure(code, message));
	}

	/** The top-level {@code status} of an {@code Azure-AsyncOperation} body, or null. */
	static String operationStatus(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try (JsonReader reader = JsonProviders.createReader(body)) {
			if (reader.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (reader.nextToken() == JsonToken.FIELD_NAME) {
				String field = reader.getFieldName();
				reader.nextToken();
				if ("status".equals(field) && reader.currentToken() == JsonToken.STRING) {
					return reader.getString();
				}
				reader.skipChildren();
			}
			return null;
		}
		catch (IOException | RuntimeException notJson) {
			return null;
		}
	}

	/**
	 * A poll URL must point at the configured Resource Manager (same scheme, host and port): the
	 * pipeline attaches the Azure credential to whatever it sends.
	 * @param endpoint the configured Resource Manager URL; asked only once the URL itself is well-formed
	 */
	static URI checkedPollUrl(String pollUrl, Supplier<String> endpoint) {
		if (ArmErrors.blank(pollUrl)) {
			throw new AzureException(Kind.REFUSED, "InvalidPollUrl", "No polling URL given", null, null);
		}
		URI uri;
		try {
			uri = URI.create(pollUrl.trim());
		}
		catch (IllegalArgumentException e) {
			throw new AzureException(Kind.REFUSED, "InvalidPollUrl", "The polling URL is not a URL", null, null);
		}
		URI resourceManager = URI.create(endpoint.get());
		if (!uri.isAbsolute() || !resourceManager.getScheme().equalsIgnoreCase(uri.getScheme())
				|| !resourceManager.getHost().equalsIgnoreCase(Objects.toString(uri.getHost(), ""))
				|| port(resourceManager) != port(uri)) {
			throw new AzureException(Kind.REFUSED, "InvalidPollUrl",
					"The polling URL does not point at the configured Resource Manager", null, null);
		}
		return uri;
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}
}
