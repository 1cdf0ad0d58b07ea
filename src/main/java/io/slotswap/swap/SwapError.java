package io.slotswap.swap;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Why an operation ended other than as asked: our code ({@code WarmupFailed}, …) or Azure's. */
@Embeddable
public record SwapError(@Column(name = "error_code") String code, @Column(name = "error_message") String message) {

	public static final String SITE_NOT_FOUND = "SiteNotFound";
	public static final String SLOT_NOT_FOUND = "SlotNotFound";
	public static final String SITE_PREPARED_FOR_SWAP = "SitePreparedForSwap";
	public static final String WARMUP_FAILED = "WarmupFailed";
	public static final String AZURE_SWAP_FAILED = "AzureSwapFailed";
	public static final String VERIFICATION_FAILED = "VerificationFailed";
	public static final String ROLLBACK_FAILED = "RollbackFailed";
	public static final String CANCELLED = "Cancelled";
	public static final String APPROVAL_EXPIRED = "ApprovalExpired";
	public static final String TIMEOUT = "Timeout";
	/** A preview could not be reset: the source slot is still prepared for swap. */
	public static final String PREVIEW_NOT_RESET = "PreviewNotReset";
	/** Settled by {@code reconcile}: Azure shows no swap. */
	public static final String NOT_SWAPPED = "NotSwapped";
	public static final String INTERNAL_ERROR = "InternalError";

	static SwapError of(String code, String message) {
		return new SwapError(code == null ? INTERNAL_ERROR : code, Text.truncate(message, 2000));
	}
}
