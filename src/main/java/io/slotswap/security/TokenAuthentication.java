package io.slotswap.security;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** A caller authenticated by an API token or a demo token: its name and roles, no credentials kept. */
final class TokenAuthentication extends AbstractAuthenticationToken {

	private final String name;

	TokenAuthentication(String name, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.name = name;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return name;
	}

	@Override
	public String getName() {
		return name;
	}
}
