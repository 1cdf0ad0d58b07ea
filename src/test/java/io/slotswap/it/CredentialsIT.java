package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.slotswap.SlotswapApplication;

/**
 * Outside the {@code local} profile the API has no demo tokens and no open mode: slotswap refuses to
 * start without real credentials, and with an API token it knows the caller by the token's name.
 * Runs the {@code azure} profile against an address where no Resource Manager answers (nothing here
 * calls it).
 */
class CredentialsIT {

	static final String TOKEN = "pipeline-token-for-credentials-it";

	static SpringApplicationBuilder outsideLocal(String... properties) {
		return new SpringApplicationBuilder(SlotswapApplication.class).profiles("azure")
			.properties("server.port=0", "server.address=127.0.0.1",
					"slotswap.azure.resource-manager-endpoint=http://127.0.0.1:9/", "spring.datasource.url=jdbc:h2:mem:credentials-"
							+ System.nanoTime() + ";DB_CLOSE_DELAY=-1")
			.properties(properties);
	}

	@Test
	void withoutLocalAndWithoutCredentialsSlotswapRefusesToStartAndSaysWhatToConfigure() {
		assertThatThrownBy(() -> outsideLocal().run().close())
			.hasStackTraceContaining("No credentials are configured for slotswap's own API")
			.hasStackTraceContaining("slotswap.security.tokens");
	}

	@Test
	void aJwtIssuerWithoutAnAudienceIsRefusedAtStart() throws Exception {
		java.nio.file.Path pem = java.nio.file.Files.createTempFile("issuer", ".pem");
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		java.nio.file.Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
				+ java.util.Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n");
		try {
			assertThatThrownBy(() -> outsideLocal("spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem)
				.run()
				.close()).hasStackTraceContaining("without an audience");
		}
		finally {
			java.nio.file.Files.deleteIfExists(pem);
		}
	}

	@Test
	void theDemoSlackSecretSignsNothingOutsideTheLocalProfile() throws Exception {
		try (ConfigurableApplicationContext context = outsideLocal("slotswap.security.tokens[0].name=ci",
				"slotswap.security.tokens[0].sha256=" + "0".repeat(64),
				"slotswap.chatops.slack.signing-secret=dev-slack-signing-secret")
			.run()) {
			Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
			long now = java.time.Instant.now().getEpochSecond();
			String body = "text=help&user_id=U1";
			Http.Response answer = http.as(null).postRaw("/api/v1/chatops/slack/commands",
					java.net.http.HttpRequest.BodyPublishers.ofString(body), "Content-Type",
					"application/x-www-form-urlencoded", "X-Slack-Request-Timestamp", Long.toString(now),
					"X-Slack-Signature", SlackIT.sign("dev-slack-signing-secret", now, body));
			assertThat(answer.status()).isEqualTo(404);
		}
	}

	@Test
	void anEncodedPathGetsNoWayAroundTheBodyLimit() throws Exception {
		try (ConfigurableApplicationContext context = outsideLocal("slotswap.security.tokens[0].name=ci",
				"slotswap.security.tokens[0].sha256=" + "0".repeat(64))
			.run()) {
			Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
			byte[] big = new byte[200 * 1024];
			java.util.Arrays.fill(big, (byte) 'a');
			Http.Response answer = http.as(null).postRaw("/%61pi/v1/chatops/slack/commands",
					java.net.http.HttpRequest.BodyPublishers.ofByteArray(big), "Content-Type",
					"application/x-www-form-urlencoded");
			assertThat(answer.status()).isEqualTo(413);
		}
	}

	@Test
	void anApiTokenAuthenticatesItsNamedPrincipalAndTheDemoTokensAreOff() throws Exception {
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
		try (ConfigurableApplicationContext context = outsideLocal("slotswap.security.tokens[0].name=ci-payments",
				"slotswap.security.tokens[0].sha256=" + sha256, "slotswap.security.tokens[0].roles=viewer",
				"slotswap.security.demo-tokens=true")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Http http = new Http(port);

			assertThat(http.as(TOKEN).get("/api/v1/swaps").status()).isEqualTo(200);
			assertThat(http.as(TOKEN).post("/api/v1/swaps", "{}").status()).as("a viewer").isEqualTo(403);
			assertThat(http.as("dev-admin").get("/api/v1/swaps").status())
				.as("demo tokens are for the local profile only").isEqualTo(401);
			assertThat(http.as(null).get("/actuator/health/liveness").status()).isEqualTo(200);
		}
	}

	@Test
	void aJwtOfTheConfiguredAudienceWithAppRolesIsACallerAndOtherAudiencesOrExpiredTokensAreNot() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		java.security.KeyPair keys = generator.generateKeyPair();
		java.nio.file.Path pem = java.nio.file.Files.createTempFile("issuer", ".pem");
		java.nio.file.Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
				+ java.util.Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n");
		try (ConfigurableApplicationContext context = outsideLocal(
				"spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem,
				"spring.security.oauth2.resourceserver.jwt.audiences=api://slotswap",
				"slotswap.security.jwt.role-prefix=Slotswap.")
			.run()) {
			Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
			String operator = jwt(keys, "api://slotswap", "alice@contoso.com", java.util.List.of("Slotswap.Operator"), 300);

			assertThat(http.as(operator).get("/api/v1/swaps").status()).isEqualTo(200);
			Http.Response asOperator = http.as(operator).post("/api/v1/swaps", "{}");
			assertThat(asOperator.status()).as("an operator may request: the request itself is bad").isEqualTo(400);
			String viewer = jwt(keys, "api://slotswap", "bob@contoso.com", java.util.List.of("Slotswap.Viewer"), 300);
			assertThat(http.as(viewer).post("/api/v1/swaps", "{}").status()).isEqualTo(403);
			assertThat(http.as(jwt(keys, "api://other-app", "alice@contoso.com", java.util.List.of("Slotswap.Admin"), 300))
				.get("/api/v1/swaps").status()).as("another audience").isEqualTo(401);
			assertThat(http.as(jwt(keys, "api://slotswap", "alice@contoso.com", java.util.List.of("Slotswap.Admin"), -120))
				.get("/api/v1/swaps").status()).as("expired").isEqualTo(401);
		}
		finally {
			java.nio.file.Files.deleteIfExists(pem);
		}
	}

	static String jwt(java.security.KeyPair keys, String audience, String user, java.util.List<String> roles,
			long validSeconds) throws Exception {
		java.time.Instant now = java.time.Instant.now();
		com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("oid-" + user)
			.audience(audience)
			.issuer("https://login.microsoftonline.com/tenant/v2.0")
			.claim("preferred_username", user)
			.claim("roles", roles)
			.issueTime(java.util.Date.from(now.minusSeconds(600)))
			.expirationTime(java.util.Date.from(now.plusSeconds(validSeconds)))
			.build();
		com.nimbusds.jwt.SignedJWT token = new com.nimbusds.jwt.SignedJWT(
				new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256), claims);
		token.sign(new com.nimbusds.jose.crypto.RSASSASigner(keys.getPrivate()));
		return token.serialize();
	}
}
