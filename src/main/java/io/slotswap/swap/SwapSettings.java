package io.slotswap.swap;

import java.time.Duration;
import java.util.List;

import io.slotswap.azure.SiteRef;
import org.springframework.stereotype.Component;

/**
 * Completes a request field by field: the request's value, else the site policy's, else API.md's
 * default. The operation keeps the effective values, so a later change of policy does not change
 * an operation already accepted.
 */
@Component
public class SwapSettings {

	static final WarmupSpec DEFAULT_WARMUP = new WarmupSpec("/", List.of(200), 3, 1, 300);

	static final VerificationSpec DEFAULT_VERIFICATION = new VerificationSpec("/", List.of(200), 0, 5, 3, true);

	private static final SwapRequest.Warmup NO_WARMUP = new SwapRequest.Warmup(null, null, null, null, null);

	private static final SwapRequest.Verification NO_VERIFICATION = new SwapRequest.Verification(null, null, null,
			null, null, null);

	private final SwapPolicies policies;

	SwapSettings(SwapPolicies policies) {
		this.policies = policies;
	}

	/** What an operation on {@code site} runs with. */
	record Effective(WarmupSpec warmup, VerificationSpec verification, boolean requireApproval,
			Duration approvalTimeout) {
	}

	Effective resolve(SiteRef site, String targetSlot, SwapRequest.Warmup warmup,
			SwapRequest.Verification verification) {
		SwapPolicies.SitePolicy policy = policies.forSwap(site, targetSlot);
		return new Effective(warmup(warmup, policy.warmup()), verification(verification, policy.verification()),
				Boolean.TRUE.equals(policy.requireApproval()),
				policy.approvalTimeout() != null ? policy.approvalTimeout() : SwapPolicies.DEFAULT_APPROVAL_TIMEOUT);
	}

	/**
	 * Refuses (403) a requester that the policy of swaps into {@code targetSlot} of {@code site}
	 * does not name. A rollback is a swap into the same slot, and is requested under the same rule.
	 */
	void checkRequester(SiteRef site, String targetSlot, Actor requester) {
		check(site, targetSlot, requester, "request", policy -> policy.allowsRequester(requester.name()));
	}

	/** Refuses (403) an approver that the policy of swaps into {@code targetSlot} of {@code site} does not name. */
	void checkApprover(SiteRef site, String targetSlot, Actor approver) {
		check(site, targetSlot, approver, "approve", policy -> policy.allowsApprover(approver.name()));
	}

	/** Refuses (403) a cancel by someone the policy names neither as a requester nor as an approver. */
	void checkCanceller(SiteRef site, String targetSlot, Actor canceller) {
		check(site, targetSlot, canceller, "cancel",
				policy -> policy.allowsRequester(canceller.name()) || policy.allowsApprover(canceller.name()));
	}

	private void check(SiteRef site, String targetSlot, Actor actor, String verb,
			java.util.function.Predicate<SwapPolicies.SitePolicy> allowed) {
		if (!allowed.test(policies.forSwap(site, targetSlot))) {
			throw new SwapExceptions.Forbidden(actor.name() + " may not " + verb + " swaps into " + targetSlot + " of "
					+ site.resourceGroup() + "/" + site.site() + ": the site's policy names who may");
		}
	}

	static WarmupSpec warmup(SwapRequest.Warmup requested, SwapRequest.Warmup policy) {
		SwapRequest.Warmup r = requested == null ? NO_WARMUP : requested;
		SwapRequest.Warmup p = policy == null ? NO_WARMUP : policy;
		WarmupSpec d = DEFAULT_WARMUP;
		return new WarmupSpec(first(r.path(), p.path(), d.path()),
				first(r.expectedStatuses(), p.expectedStatuses(), d.expectedStatuses()),
				first(r.consecutiveSuccesses(), p.consecutiveSuccesses(), d.consecutiveSuccesses()),
				first(r.intervalSeconds(), p.intervalSeconds(), d.intervalSeconds()),
				first(r.timeoutSeconds(), p.timeoutSeconds(), d.timeoutSeconds()));
	}

	static VerificationSpec verification(SwapRequest.Verification requested, SwapRequest.Verification policy) {
		SwapRequest.Verification r = requested == null ? NO_VERIFICATION : requested;
		SwapRequest.Verification p = policy == null ? NO_VERIFICATION : policy;
		VerificationSpec d = DEFAULT_VERIFICATION;
		return new VerificationSpec(first(r.path(), p.path(), d.path()),
				first(r.expectedStatuses(), p.expectedStatuses(), d.expectedStatuses()),
				first(r.durationSeconds(), p.durationSeconds(), d.durationSeconds()),
				first(r.intervalSeconds(), p.intervalSeconds(), d.intervalSeconds()),
				first(r.failureThreshold(), p.failureThreshold(), d.failureThreshold()),
				first(r.autoRollback(), p.autoRollback(), d.autoRollback()));
	}

	private static <T> T first(T requested, T policy, T fallback) {
		return requested != null ? requested : policy != null ? policy : fallback;
	}
}
