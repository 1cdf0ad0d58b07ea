package io.slotswap.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer tokens that are not JWTs: the configured API tokens (known by their SHA-256 only) and, where
 * allowed, the demo tokens. The presented token is hashed and compared with every known digest in
 * constant time. A token it does not know is left to the next provider (the JWT one, if any).
 */
final class ApiTokens implements AuthenticationProvider {

	/** The demo tokens of the {@code local} profile: each token is also the principal's name. */
	static final Map<String, Role> DEMO = Map.of("dev-viewer", Role.VIEWER, "dev-operator", Role.OPERATOR,
			"dev-approver", Role.APPROVER, "dev-admin", Role.ADMIN);

	private record Known(String name, byte[] digest, List<GrantedAuthority> authorities) {
	}

	private final List<Known> known;

	ApiTokens(List<SecurityProperties.ApiToken> tokens, boolean withDemoTokens) {
		List<Known> all = new ArrayList<>();
		for (SecurityProperties.ApiToken token : tokens) {
			all.add(new Known(token.name(), token.digest(), token.roles().stream().map(Role::authority).toList()));
		}
		if (withDemoTokens) {
			DEMO.forEach((token, role) -> all.add(new Known(token, sha256(token), List.of(role.authority()))));
		}
		this.known = List.copyOf(all);
	}

	boolean isEmpty() {
		return known.isEmpty();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		byte[] presented = sha256(((BearerTokenAuthenticationToken) authentication).getToken());
		Known match = null;
		for (Known candidate : known) {
			if (MessageDigest.isEqual(candidate.digest(), presented)) {
				match = candidate;
			}
		}
		return match == null ? null : new TokenAuthentication(match.name(), match.authorities());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
