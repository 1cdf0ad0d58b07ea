package io.slotswap.swap;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.slotswap.azure.SiteRef;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code slotswap.policies}: per-site defaults and rules, first match wins. Each policy matches by
 * {@code subscriptionId}, {@code resourceGroup} and {@code site} globs ({@code *} = anything,
 * {@code ?} = one character, case-insensitive; a missing glob matches everything).
 */
@ConfigurationProperties("slotswap")
public record SwapPolicies(List<SitePolicy> policies) {

	public SwapPolicies {
		policies = policies == null ? List.of() : List.copyOf(policies);
	}

	/**
	 * One policy.
	 *
	 * @param targetSlot the slot swapped into that the policy covers (a glob; absent: any), so that
	 *        {@code production} of a site can have rules of its own
	 * @param warmup default warm-up values, field by field (a request's own values win)
	 * @param verification default verification values, field by field
	 * @param requireApproval put AWAITING_APPROVAL before SWAPPING in SWAP mode too
	 * @param approvalTimeout how long an operation may wait for approval (default 24 h)
	 * @param webhooks URLs that receive each transition (signed, delivered at least once)
	 * @param requesters who may request these swaps (principal name globs); absent or empty: anyone
	 *        whose role allows it
	 * @param approvers who may approve these swaps (principal name globs); absent or empty: anyone
	 *        whose role allows it
	 * @param slackChannel where an operation awaiting approval is posted with Approve and Reject buttons
	 */
	public record SitePolicy(String subscriptionId, String resourceGroup, String site, String targetSlot,
			SwapRequest.Warmup warmup, SwapRequest.Verification verification, Boolean requireApproval,
			Duration approvalTimeout, List<String> webhooks, List<String> requesters, List<String> approvers,
			String slackChannel) {

		public SitePolicy {
			webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
			requesters = requesters == null ? List.of() : List.copyOf(requesters);
			approvers = approvers == null ? List.of() : List.copyOf(approvers);
		}

		boolean matches(SiteRef ref, String target) {
			return glob(subscriptionId, ref.subscriptionId()) && glob(resourceGroup, ref.resourceGroup())
					&& glob(site, ref.site()) && glob(targetSlot, target == null ? "production" : target);
		}

		/** Whether {@code principal} may request these swaps. */
		boolean allowsRequester(String principal) {
			return requesters.isEmpty() || requesters.stream().anyMatch(name -> glob(name, principal));
		}

		/** Whether {@code principal} may approve these swaps. */
		boolean allowsApprover(String principal) {
			return approvers.isEmpty() || approvers.stream().anyMatch(name -> glob(name, principal));
		}

		private static boolean glob(String glob, String value) {
			if (glob == null || glob.isBlank() || "*".equals(glob)) {
				return true;
			}
			StringBuilder regex = new StringBuilder();
			for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
				regex.append(switch (c) {
					case '*' -> ".*";
					case '?' -> ".";
					default -> Pattern.quote(String.valueOf(c));
				});
			}
			return value.toLowerCase(Locale.ROOT).matches(regex.toString());
		}
	}

	/** The policy of swaps into {@code targetSlot} of a site: the first that matches, or an empty one. */
	public SitePolicy forSwap(SiteRef site, String targetSlot) {
		return policies.stream()
			.filter(policy -> policy.matches(site, targetSlot))
			.findFirst()
			.orElse(new SitePolicy(null, null, null, null, null, null, false, null, null, null, null, null));
	}

	static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);
}
