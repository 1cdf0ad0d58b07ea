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
 * {@link AzureSdkAppServiceGateway}.
 */
final class SwapLongRunningOperation {

	/** Poll delay when a running swap's answer carries no {@code Retry-After}. */
	static final Duration DEFAULT_POLL_DELAY = Duration.ofSeconds(5);

	/** Largest poll answer body read (an ARM error or an {@code Azure-AsyncOperation} status). */
	static final int MAX_BODY = 64 * 1024;

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

	/**
	 * The polling protocol (as the SDK reads a {@code Location}): 202 running (a new {@code Location}
	 * replaces the old), 200/201/204 succeeded, 429/5xx transient (thrown), anything else failed
	 * with Azure's error. A 200 carrying an {@code Azure-AsyncOperation} status body is read as such.
	 */
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
		if (status == 429 || status == 408 || status >= 500) {
			throw ArmErrors.fromStatus(status, ArmErrors.parseError(body), ArmErrors.retryAfter(headers), null);
		}
		return failedFrom(body, "Resource Manager answered HTTP " + status + " while following the swap");
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
