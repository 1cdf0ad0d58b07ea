package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every operation of the OpenAPI document × {no token, an invalid token, each demo role}: the status
 * the security rules give must be what the document declares (the roles of its bearer security
 * requirement). An operation that declares no roles fails the test, so a new endpoint cannot slip
 * through unprotected. Only authentication and authorization are judged: an allowed call may still
 * answer 404 or 409 for the made-up ids it is given, never 401 or 403.
 */
class AuthorizationMatrixIT extends FullStackSupport {

	static final Map<String, String> ROLES = Map.of("viewer", Http.VIEWER, "operator", Http.OPERATOR, "approver",
			Http.APPROVER, "admin", Http.ADMIN);

	/** Open paths and the actuator, which the document does not describe. */
	static final Map<String, Set<String>> OUTSIDE_THE_DOCUMENT = Map.of("GET /actuator/swaps",
			Set.of("viewer", "operator", "approver", "admin"), "GET /actuator/prometheus",
			Set.of("viewer", "operator", "approver", "admin"));

	static final List<String> OPEN = List.of("/actuator/health", "/actuator/health/readiness",
			"/actuator/health/liveness", "/v3/api-docs", "/swagger-ui.html", "/emulator/control/faults");

	@Test
	void everyDocumentedOperationAnswersEachCallerAsItsDeclaredRolesSay() {
		JsonNode document = http.as(null).get("/v3/api-docs").json();
		assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		Map<String, Set<String>> operations = new LinkedHashMap<>();
		for (var path : document.get("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
				Set<String> roles = declaredRoles(operation.getValue());
				assertThat(roles).as("%s %s declares the roles that may call it", method, path.getKey()).isNotEmpty();
				operations.put(method + " " + path.getKey(), roles);
			}
		}
		assertThat(operations).as("the document lists the API").hasSizeGreaterThanOrEqualTo(10);
		operations.putAll(OUTSIDE_THE_DOCUMENT);

		List<String> wrong = new ArrayList<>();
		operations.forEach((operation, allowed) -> {
			String method = operation.substring(0, operation.indexOf(' '));
			String path = concrete(operation.substring(operation.indexOf(' ') + 1));
			expect(wrong, operation, "no token", call(http.as(null), method, path), 401);
			expect(wrong, operation, "an invalid token", call(http.as("not-a-token"), method, path), 401);
			ROLES.forEach((role, token) -> {
				Http.Response answer = call(http.as(token), method, path);
				if (allowed.contains(role)) {
					if (answer.status() == 401 || answer.status() == 403) {
						wrong.add(operation + " as " + role + ": " + answer.status() + " although the document allows it");
					}
				}
				else {
					expect(wrong, operation, role, answer, 403);
				}
			});
		});

		assertThat(wrong).isEmpty();
	}

	@Test
	void theOpenPathsNeedNoToken() {
		for (String path : OPEN) {
			assertThat(http.as(null).get(path).status()).as(path).isNotIn(401, 403);
		}
	}

	@Test
	void aRefusalIsAProblemThatSaysWhatIsMissing() {
		Http.Response unauthenticated = http.as(null).get("/api/v1/swaps");
		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated.contentType()).startsWith("application/problem+json");
		assertThat(unauthenticated.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(unauthenticated.json().get("instance").asString()).isEqualTo("/api/v1/swaps");

		Http.Response forbidden = http.as(Http.VIEWER).post("/api/v1/swaps", "{}");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.contentType()).startsWith("application/problem+json");
		assertThat(forbidden.json().get("status").asInt()).isEqualTo(403);
	}

	private static void expect(List<String> wrong, String operation, String caller, Http.Response answer, int status) {
		if (answer.status() != status) {
			wrong.add(operation + " with " + caller + ": " + answer.status() + " instead of " + status);
		}
		else if (!String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
			wrong.add(operation + " with " + caller + ": " + status + " is not a problem (" + answer.contentType() + ")");
		}
	}

	private static Set<String> declaredRoles(JsonNode operation) {
		Set<String> roles = new java.util.TreeSet<>();
		JsonNode security = operation.get("security");
		if (security != null) {
			for (JsonNode requirement : security) {
				JsonNode bearer = requirement.get("bearer");
				if (bearer != null) {
					bearer.forEach(role -> roles.add(role.asString()));
				}
			}
		}
		return roles;
	}

	/** The path with made-up values for its variables. */
	private static String concrete(String template) {
		return template.replace("{id}", UUID.randomUUID().toString())
			.replace("{resourceGroup}", "rg-matrix")
			.replace("{site}", "no-such-site")
			.replace("{slot}", "staging");
	}

	private static Http.Response call(Http http, String method, String path) {
		return switch (method) {
			case "GET" -> http.get(path);
			case "POST" -> http.post(path, "{}");
			default -> throw new AssertionError("no call for " + method);
		};
	}
}
