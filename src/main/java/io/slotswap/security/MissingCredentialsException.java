package io.slotswap.security;

/** Outside {@code local} and {@code emulator}, slotswap does not serve its API without real credentials. */
class MissingCredentialsException extends IllegalStateException {

	static final String PROBLEM = "No credentials are configured for slotswap's own API, and without the local "
			+ "profile it does not serve it unauthenticated.";

	static final String ACTION = "Configure a JWT issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri and "
			+ "...jwt.audiences, e.g. Microsoft Entra ID) and/or API tokens (slotswap.security.tokens[n].name, "
			+ ".sha256 = the SHA-256 of the token, .roles), or run with the local profile on a developer machine.";

	MissingCredentialsException() {
		super(PROBLEM + " " + ACTION);
	}
}
