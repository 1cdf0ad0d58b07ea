package io.slotswap.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A validated JWT (Microsoft Entra ID, or any issuer) as a caller: its name from
 * {@code principalClaim} ({@code sub} when absent) and its roles from the app roles in
 * {@code rolesClaim}. Values that name no role of slotswap are ignored; a token without any role
 * is authenticated but may do nothing (403).
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

	private final SecurityProperties.Jwt claims;

	JwtRoles(SecurityProperties.Jwt claims) {
		this.claims = claims;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		String name = jwt.getClaimAsString(claims.principalClaim());
		if (name == null || name.isBlank()) {
			name = jwt.getSubject();
		}
		return new JwtAuthenticationToken(jwt, roles(jwt), name);
	}

	private Collection<GrantedAuthority> roles(Jwt jwt) {
		List<GrantedAuthority> roles = new ArrayList<>();
		List<String> values = jwt.hasClaim(claims.rolesClaim()) ? jwt.getClaimAsStringList(claims.rolesClaim()) : null;
		if (values == null) {
			return roles;
		}
		String prefix = claims.rolePrefix();
		for (String value : values) {
			String role = value;
			if (!prefix.isEmpty() && value.regionMatches(true, 0, prefix, 0, prefix.length())) {
				role = value.substring(prefix.length());
			}
			Role named = Role.named(role);
			if (named != null && !roles.contains(named.authority())) {
				roles.add(named.authority());
			}
		}
		return roles;
	}
}
