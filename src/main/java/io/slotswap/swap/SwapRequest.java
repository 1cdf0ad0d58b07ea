package io.slotswap.swap;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a caller asks for: {@code POST /api/v1/swaps}. Absent fields are completed from the site's
 * policy, then from the defaults of API.md (see {@link SwapSettings}).
 */
public record SwapRequest(
		@Pattern(regexp = Rules.UUID, message = "must be a UUID") String subscriptionId,
		@NotBlank(message = "is required") @Size(max = 90, message = "must be 1-90 characters")
		@Pattern(regexp = Rules.RESOURCE_GROUP,
				message = "may contain letters, digits, '-', '_', '.', '(', ')' and must not end in '.'") String resourceGroup,
		@NotBlank(message = "is required") @Pattern(regexp = Rules.SITE,
				message = "must be 2-60 letters, digits or '-', not starting or ending with '-'") String site,
		@NotBlank(message = "is required") @Pattern(regexp = Rules.SLOT,
				message = "must be 1-59 letters, digits or '-'") String sourceSlot,
		@Pattern(regexp = Rules.SLOT, message = "must be 1-59 letters, digits or '-'") String targetSlot,
		SwapMode mode,
		Boolean preserveVnet,
		@Valid Warmup warmup,
		@Valid Verification verification,
		@Size(max = 500, message = "must be at most 500 characters") String reason) {

	/** A partial warm-up: null fields take the policy's or the default value. */
	public record Warmup(
			@Size(min = 1, max = 256, message = "must be 1-256 characters")
			@Pattern(regexp = Rules.PATH, message = Rules.PATH_MESSAGE) String path,
			@Size(min = 1, max = 10, message = "must list 1-10 status codes")
			List<@NotNull(message = "must not be null") @Min(value = 100, message = "must be 100-599")
			@Max(value = 599, message = "must be 100-599") Integer> expectedStatuses,
			@Min(value = 1, message = "must be 1-20") @Max(value = 20, message = "must be 1-20") Integer consecutiveSuccesses,
			@Min(value = 1, message = "must be 1-60") @Max(value = 60, message = "must be 1-60") Integer intervalSeconds,
			@Min(value = 5, message = "must be 5-3600") @Max(value = 3600, message = "must be 5-3600") Integer timeoutSeconds) {
	}

	/** A partial verification: null fields take the policy's or the default value. */
	public record Verification(
			@Size(min = 1, max = 256, message = "must be 1-256 characters")
			@Pattern(regexp = Rules.PATH, message = Rules.PATH_MESSAGE) String path,
			@Size(min = 1, max = 10, message = "must list 1-10 status codes")
			List<@NotNull(message = "must not be null") @Min(value = 100, message = "must be 100-599")
			@Max(value = 599, message = "must be 100-599") Integer> expectedStatuses,
			@Min(value = 0, message = "must be 0-3600") @Max(value = 3600, message = "must be 0-3600") Integer durationSeconds,
			@Min(value = 1, message = "must be 1-60") @Max(value = 60, message = "must be 1-60") Integer intervalSeconds,
			@Min(value = 1, message = "must be 1-20") @Max(value = 20, message = "must be 1-20") Integer failureThreshold,
			Boolean autoRollback) {
	}

	/** The field rules of API.md, as regular expressions. */
	public static final class Rules {

		public static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

		public static final String RESOURCE_GROUP = "^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$";

		public static final String SITE = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])$";

		public static final String SLOT = "^[A-Za-z0-9-]{1,59}$";

		/** Starts with one '/', then URI path/query characters only; no '..', no '//' at the start. */
		/**
		 * A path on the slot's own host: no second slash up front (a host), no {@code ..}, no encoded dot,
		 * slash or backslash ({@code %2e}, {@code %2f}, {@code %5c}: the same tricks, encoded), and every
		 * {@code %} followed by two hexadecimal digits.
		 */
		public static final String PATH = "^/(?!/)(?!.*\\.\\.)(?!.*%(?:2[eEfF]|5[cC]))"
				+ "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$";

		public static final String PATH_MESSAGE = "must start with '/' and contain no scheme, host, '\\\\', '..', "
				+ "encoded dot, slash or backslash (%2e, %2f, %5c), malformed %-escape, spaces or control characters";

		private Rules() {
		}
	}
}
