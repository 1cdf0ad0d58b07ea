package io.slotswap.azure;

import java.time.Duration;

/**
 * Where an Azure swap stands, as seen from one call: the initial request or one poll of its
 * polling URL. A {@link Status#RUNNING} progress carries the URL to poll next (persist it: it is
 * what survives a restart) and how long Azure asked us to wait.
 */
public record SwapProgress(Status status, String pollUrl, Duration retryAfter, String errorCode,
		String errorMessage, boolean retryable) {

	public enum Status {
		RUNNING, SUCCEEDED, FAILED
	}

	public static SwapProgress running(String pollUrl, Duration retryAfter) {
		return new SwapProgress(Status.RUNNING, pollUrl, retryAfter, null, null, false);
	}

	public static SwapProgress succeeded() {
		return new SwapProgress(Status.SUCCEEDED, null, null, null, null, false);
	}

	/**
	 * Azure failed the swap and left both slots as they were. {@code retryable}: Azure's own word
	 * that sending the same swap again may succeed ("... Please retry", an internal error).
	 */
	public static SwapProgress failed(String code, String message, boolean retryable) {
		return new SwapProgress(Status.FAILED, null, null, code, message, retryable);
	}
}
