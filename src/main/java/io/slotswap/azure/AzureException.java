package io.slotswap.azure;

import java.time.Duration;

/**
 * An error from Resource Manager (or from trying to reach it), in our own terms. {@link #code()}
 * is Azure's error code (e.g. {@code ResourceNotFound}, {@code Conflict}) when Azure gave one.
 * The message never contains credentials or setting values.
 */
public class AzureException extends RuntimeException {

	public enum Kind {
		/** 404: the site, slot or operation does not exist. */
		NOT_FOUND,
		/** 409 {@code Conflict}: another operation is in progress on the site; wait and try again. */
		BUSY,
		/** 429 still after retries; wait {@link #retryAfter()}. */
		THROTTLED,
		/** Resource Manager could not be reached or answered 5xx after retries. */
		UNAVAILABLE,
		/**
		 * Azure refused the request (4xx other than the above, a 409 other than "another operation is in
		 * progress", or no credential could be obtained): trying the same request again will not help.
		 */
		REFUSED,
		/**
		 * A request that changes something (the swap) may have reached Azure and been acted on, but its
		 * answer was lost (time-out after sending, dropped connection, 5xx): the outcome is unknown and
		 * must be reconciled before anything is sent again.
		 */
		AMBIGUOUS
	}

	private final Kind kind;

	private final String code;

	private final Duration retryAfter;

	public AzureException(Kind kind, String code, String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.code = code;
		this.retryAfter = retryAfter;
	}

	public Kind kind() {
		return kind;
	}

	public String code() {
		return code;
	}

	/** How long Azure asked us to wait, or null. */
	public Duration retryAfter() {
		return retryAfter;
	}

	/** Transient: worth retrying later with the same request. */
	public boolean isTransient() {
		return kind == Kind.BUSY || kind == Kind.THROTTLED || kind == Kind.UNAVAILABLE;
	}

	/** The code of a call slotswap did not send because its share of Resource Manager's budget was spent. */
	public static final String BUDGET_SPENT = "ClientBudgetExhausted";

	/**
	 * The call was not sent: this replica's share of Resource Manager's budget is spent until
	 * {@link #retryAfter()}. Pacing, not a failure: it does not count against any retry limit.
	 */
	public boolean budgetSpent() {
		return kind == Kind.THROTTLED && BUDGET_SPENT.equals(code);
	}

	/** Azure gave a definite "no": the request was not carried out. */
	public boolean isRefusal() {
		return kind == Kind.REFUSED || kind == Kind.NOT_FOUND;
	}
}
