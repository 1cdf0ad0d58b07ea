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
	 * @param warmup default warm-up values, field by field (a request's own values win)
	 * @param verification default verification values, field by field
	 * @param requireApproval put AWAITING_APPROVAL before SWAPPING in SWAP mode too
	 * @param approvalTimeout how long an operation may wait for approval (default 24 h)
	 * @param webhooks URLs that receive each transition (delivered by a later feature)
	 */
	public record SitePolicy(String subscriptionId, String resourceGroup, String site, SwapRequest.Warmup warmup,
			SwapRequest.Verification verification, Boolean requireApproval, Duration approvalTimeout,
			List<String> webhooks) {

		boolean matches(SiteRef ref) {
			return glob(subscriptionId, ref.subscriptionId()) && glob(resourceGroup, ref.resourceGroup())
					&& glob(site, ref.site());
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

	/** The policy of a site: the first that matches, or an empty one. */
	public SitePolicy forSite(SiteRef site) {
		return policies.stream()
			.filter(policy -> policy.matches(site))
			.findFirst()
			.orElse(new SitePolicy(null, null, null, null, null, false, null, List.of()));
	}

	static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);
}
