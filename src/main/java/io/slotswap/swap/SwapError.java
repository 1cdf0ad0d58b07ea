package io.slotswap.swap;

/** Why an operation ended other than as asked: our code ({@code WarmupFailed}, …) or Azure's. */
public record SwapError(String code, String message) {

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
}
