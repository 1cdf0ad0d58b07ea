package io.slotswap.security;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.security.*}: who may call the API.
 *
 * @param tokens API tokens for pipelines and bots, each stored as the SHA-256 of the token only
 *        ({@code printf %s "$TOKEN" | sha256sum}); the token itself is never configured
 * @param demoTokens accept the documented demo tokens ({@code dev-viewer}, {@code dev-operator},
 *        {@code dev-approver}, {@code dev-admin}); on in the {@code local} profile, and honoured only
 *        there, while the server listens on a loopback address
 * @param jwt how a JWT's claims map to a principal and roles (the issuer and audience are Spring
 *        Boot's {@code spring.security.oauth2.resourceserver.jwt.*})
 * @param rateLimit how many {@code POST}s a principal may send per period
 */
@ConfigurationProperties("slotswap.security")
public record SecurityProperties(List<ApiToken> tokens, @DefaultValue("false") boolean demoTokens,
		@DefaultValue Jwt jwt, @DefaultValue RateLimit rateLimit) {

	public SecurityProperties {
		tokens = tokens == null ? List.of() : List.copyOf(tokens);
	}

	/**
	 * One API token.
	 *
	 * @param name the principal it authenticates (the audit shows it)
	 * @param sha256 the token's SHA-256, 64 hexadecimal digits
	 * @param roles what it may do
	 */
	public record ApiToken(String name, String sha256, List<Role> roles) {

		public ApiToken {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("slotswap.security.tokens[].name is required");
			}
			if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
				throw new IllegalArgumentException("slotswap.security.tokens[] '" + name
						+ "': sha256 must be the token's SHA-256 as 64 hexadecimal digits (printf %s \"$TOKEN\" | sha256sum)");
			}
			sha256 = sha256.toLowerCase(Locale.ROOT);
			roles = roles == null || roles.isEmpty() ? List.of(Role.VIEWER) : List.copyOf(roles);
		}

		byte[] digest() {
			return HexFormat.of().parseHex(sha256);
		}
	}

	/**
	 * @param requests {@code POST}s allowed per period and principal (default 60)
	 * @param period the period (default one minute)
	 */
	public record RateLimit(@DefaultValue("60") int requests, @DefaultValue("1m") java.time.Duration period) {

		public RateLimit {
			if (requests < 1 || period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException(
						"slotswap.security.rate-limit needs requests >= 1 and a positive period, e.g. 60 per 1m");
			}
		}
	}

	/**
	 * @param rolesClaim the claim holding the caller's app roles (Entra ID: {@code roles}); values
	 *        are role names in any case, optionally after {@code rolePrefix}
	 * @param rolePrefix a prefix the app roles carry, e.g. {@code Slotswap.} for {@code Slotswap.Operator}
	 * @param principalClaim the claim that names the caller in the audit; {@code sub} when absent
	 */
	public record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("") String rolePrefix,
			@DefaultValue("preferred_username") String principalClaim) {
	}
}
