package io.slotswap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

class BearerTokensTest {

	static final String CI_TOKEN = "s3cr3t-pipeline-token";

	static SecurityProperties.ApiToken ciPipeline() {
		return new SecurityProperties.ApiToken("ci-payments", HexFormat.of().formatHex(ApiTokens.sha256(CI_TOKEN)),
				List.of(Role.OPERATOR));
	}

	static Authentication present(ApiTokens tokens, String token) {
		return tokens.authenticate(new BearerTokenAuthenticationToken(token));
	}

	@Test
	void anApiTokenKnownOnlyByItsHashAuthenticatesItsNamedPrincipalWithItsRoles() {
		ApiTokens tokens = new ApiTokens(List.of(ciPipeline()), false);

		Authentication caller = present(tokens, CI_TOKEN);

		assertThat(caller.getName()).isEqualTo("ci-payments");
		assertThat(caller.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
		assertThat(caller.getCredentials()).as("the token is not kept").isNull();
	}

	@Test
	void anUnknownTokenIsLeftToTheNextProvider() {
		ApiTokens tokens = new ApiTokens(List.of(ciPipeline()), false);

		assertThat(present(tokens, CI_TOKEN + "x")).isNull();
		assertThat(present(tokens, "dev-admin")).as("demo tokens are off").isNull();
	}

	@Test
	void theDemoTokensCarryTheirRolesWhenTheyAreOn() {
		ApiTokens tokens = new ApiTokens(List.of(), true);

		assertThat(present(tokens, "dev-approver").getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_APPROVER");
		assertThat(present(tokens, "dev-admin").getName()).isEqualTo("dev-admin");
	}

	@Test
	void demoTokensAreForALoopbackAddressOnly() {
		assertThat(LocalMachine.listensOnLoopback(new MockEnvironment().withProperty("server.address",
				"127.0.0.1"))).isTrue();
		assertThat(LocalMachine.listensOnLoopback(new MockEnvironment().withProperty("server.address",
				"::1"))).isTrue();
		assertThat(LocalMachine.listensOnLoopback(new MockEnvironment().withProperty("server.address",
				"0.0.0.0"))).isFalse();
		assertThat(LocalMachine.listensOnLoopback(new MockEnvironment())).as("every interface").isFalse();
	}

	@Test
	void aConfiguredHashMustBeASha256() {
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecurityProperties.ApiToken("ci", "not-a-hash", List.of(Role.VIEWER)))
			.withMessageContaining("64 hexadecimal digits")
			.withMessageNotContaining("not-a-hash");
	}

	@Test
	void aJwtNamesItsCallerByTheConfiguredClaimAndKeepsOnlyTheRolesOfSlotswap() {
		JwtRoles roles = new JwtRoles(new SecurityProperties.Jwt("roles", "Slotswap.", "preferred_username"));
		Jwt jwt = jwt(Map.of("sub", "0f1e", "preferred_username", "alice@contoso.com", "roles",
				List.of("Slotswap.Approver", "operator", "Other.App.Admin", "Slotswap.Nonsense")));

		Authentication alice = roles.convert(jwt);

		assertThat(alice.getName()).isEqualTo("alice@contoso.com");
		assertThat(alice.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_APPROVER", "ROLE_OPERATOR");
	}

	@Test
	void aJwtWithoutThePrincipalClaimIsNamedByItsSubjectAndWithoutRolesMayDoNothing() {
		JwtRoles roles = new JwtRoles(new SecurityProperties.Jwt("roles", "", "preferred_username"));

		Authentication service = roles.convert(jwt(Map.of("sub", "0f1e-service")));

		assertThat(service.getName()).isEqualTo("0f1e-service");
		assertThat(service.getAuthorities()).isEmpty();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims)).issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60)).build();
	}
}
