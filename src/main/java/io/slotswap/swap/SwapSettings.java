package io.slotswap.swap;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Completes a request's partial warm-up and verification field by field: the request's value,
 * else the site policy's, else API.md's default.
 */
@Component
public class SwapSettings {

	static final WarmupSpec DEFAULT_WARMUP = new WarmupSpec("/", List.of(200), 3, 1, 300);

	static final VerificationSpec DEFAULT_VERIFICATION = new VerificationSpec("/", List.of(200), 0, 5, 3, true);

	WarmupSpec warmup(SwapRequest.Warmup requested) {
		SwapRequest.Warmup r = requested == null ? new SwapRequest.Warmup(null, null, null, null, null) : requested;
		WarmupSpec d = DEFAULT_WARMUP;
		return new WarmupSpec(or(r.path(), d.path()), or(r.expectedStatuses(), d.expectedStatuses()),
				or(r.consecutiveSuccesses(), d.consecutiveSuccesses()), or(r.intervalSeconds(), d.intervalSeconds()),
				or(r.timeoutSeconds(), d.timeoutSeconds()));
	}

	VerificationSpec verification(SwapRequest.Verification requested) {
		SwapRequest.Verification r = requested == null
				? new SwapRequest.Verification(null, null, null, null, null, null) : requested;
		VerificationSpec d = DEFAULT_VERIFICATION;
		return new VerificationSpec(or(r.path(), d.path()), or(r.expectedStatuses(), d.expectedStatuses()),
				or(r.durationSeconds(), d.durationSeconds()), or(r.intervalSeconds(), d.intervalSeconds()),
				or(r.failureThreshold(), d.failureThreshold()), or(r.autoRollback(), d.autoRollback()));
	}

	private static <T> T or(T value, T fallback) {
		return value != null ? value : fallback;
	}
}
