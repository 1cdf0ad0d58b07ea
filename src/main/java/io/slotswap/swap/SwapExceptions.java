package io.slotswap.swap;

import java.time.Duration;
import java.util.UUID;

/** What the service refuses, each mapped to one problem at the web edge. */
public final class SwapExceptions {

	private SwapExceptions() {
	}

	/** No operation with this id (404). */
	public static class OperationNotFound extends RuntimeException {

		public OperationNotFound(UUID id) {
			super("No swap operation " + id);
		}
	}

	/** The site or a slot does not exist in Azure (404); {@code code} is SiteNotFound or SlotNotFound. */
	public static class SiteOrSlotNotFound extends RuntimeException {

		private final String code;

		public SiteOrSlotNotFound(String code, String message) {
			super(message);
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/** A swap is already active on the site (409). */
	public static class SiteBusy extends RuntimeException {

		private final UUID activeSwapId;

		public SiteBusy(UUID activeSwapId, String site) {
			super("A swap is already active on site " + site + ": " + activeSwapId);
			this.activeSwapId = activeSwapId;
		}

		public UUID activeSwapId() {
			return activeSwapId;
		}
	}

	/** An action the operation's current state does not allow (409). */
	public static class StateConflict extends RuntimeException {

		private final SwapState state;

		public StateConflict(String message, SwapState state) {
			super(message);
			this.state = state;
		}

		public SwapState state() {
			return state;
		}
	}

	/** The caller may not do this (403). */
	public static class Forbidden extends RuntimeException {

		public Forbidden(String message) {
			super(message);
		}
	}

	/** An Idempotency-Key reused with a different request (422). */
	public static class IdempotencyKeyReused extends RuntimeException {

		private final UUID operationId;

		public IdempotencyKeyReused(UUID operationId) {
			super("This Idempotency-Key was already used with a different request");
			this.operationId = operationId;
		}

		public UUID operationId() {
			return operationId;
		}
	}

	/** Azure (or the emulator) cannot be reached now (503); nothing was persisted. */
	public static class AzureUnavailable extends RuntimeException {

		private final Duration retryAfter;

		public AzureUnavailable(String message, Duration retryAfter) {
			super(message);
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return retryAfter;
		}
	}

	/** A request the fields alone cannot reject (400), e.g. source and target the same slot. */
	public static class InvalidRequest extends RuntimeException {

		private final String field;

		public InvalidRequest(String field, String message) {
			super(message);
			this.field = field;
		}

		public String field() {
			return field;
		}
	}
}
