package io.slotswap.swap.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slotswap.swap.SwapState;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI): what the API is, its version (the build's:
 * {@code META-INF/build-info.properties}, written by spring-boot-maven-plugin's {@code build-info};
 * "dev" when the classes were built without it), and one {@code Problem} schema that every
 * {@code application/problem+json} answer references. The errors every protected operation may
 * answer before any controller sees the request (401, 403 and the POST rate limit's 429, all from
 * {@code io.slotswap.security}) are added here, so the controllers' annotations list only their own.
 * <p>
 * The document is committed as {@code docs/openapi.json}; {@code OpenApiDocumentIT} fails when the
 * two differ. Nothing in it may depend on the request or the moment: the server is relative
 * ({@code /}), not the URL this document happened to be fetched from.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

	static final String PROBLEM = "Problem";

	static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

	/** The operation id of the examples. */
	static final String EXAMPLE_ID = "5b0f8a3e-4f0e-4a7e-9a55-2f6f4f0d6a11";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	/** The order of the tags in the document and in Swagger UI: the swaps first. */
	static final List<String> TAG_ORDER = List.of("Swaps", "Sites", "Audit");

	static final String DESCRIPTION = """
			Safe Azure App Service deployment-slot swaps. slotswap checks that the site and its slots exist, \
			warms the source slot up, swaps it into the target slot (production by default) through Azure \
			Resource Manager, verifies the target afterwards and swaps back on its own when verification fails.

			A swap is an **operation** that moves through its states by itself: request it with \
			`POST /api/v1/swaps`, follow it with `GET /api/v1/swaps/{id}` (`?waitSeconds=N` to long-poll until it \
			ends) or its history (`GET /api/v1/swaps/{id}/events`, also live with `Accept: text/event-stream`), \
			approve it, cancel it, roll it back.

			- `SWAP`: PENDING → VALIDATING → WARMING_UP → SWAPPING → VERIFYING (when verification applies) → SUCCEEDED
			- `PREVIEW` (Azure's multi-phase swap): PENDING → VALIDATING → APPLYING_CONFIG → WARMING_UP → \
			AWAITING_APPROVAL → (approve) SWAPPING → VERIFYING → SUCCEEDED, or (cancel, approval expired) → CANCELLED
			- A site policy that requires approval puts AWAITING_APPROVAL before SWAPPING in `SWAP` mode too.
			- Terminal: SUCCEEDED, FAILED, ROLLED_BACK, CANCELLED. Verification failing with `autoRollback` goes \
			through ROLLING_BACK to ROLLED_BACK.

			## Authentication

			Every `/api/v1` operation needs `Authorization: Bearer <token>`: an API token, or a JWT of the \
			configured issuer. What a caller may do follows from its roles; each operation lists the roles that \
			may call it (the scopes of its `bearer` security requirement):

			| role | may |
			|---|---|
			| `viewer` | read operations, their events, the audit trail and sites |
			| `operator` | read; request, cancel and roll back swaps |
			| `approver` | read; approve; cancel an operation awaiting approval (a rejection) |
			| `admin` | everything, including `reconcile` |

			A site's policy may further name who may request and who may approve its swaps; the approver of a \
			swap is never its requester (four eyes).

			The `local` profile ships demo tokens, accepted only while the service listens on loopback: \
			`dev-viewer`, `dev-operator`, `dev-approver` and `dev-admin`, one per role. In Swagger UI: \
			**Authorize**, then one of them. This document, Swagger UI and the health probes need no token.

			## Errors

			Every error is an RFC 9457 problem, `application/problem+json` (schema `Problem`): `type`, `title`, \
			`status`, `detail`, `instance`, plus the extension members where they apply: `errors` (400: each \
			broken rule as `{field, message}`), `code` (404: `SiteNotFound` or `SlotNotFound`), `activeSwapId` \
			(409: the swap already active on the site), `state` (409: the operation's state), `operationId` \
			(422: the operation the `Idempotency-Key` belongs to). 401 without a valid token, 403 without the \
			right role, 429 with `Retry-After` when a caller sends too many requests, 503 with `Retry-After` when \
			Azure cannot be reached now (nothing was changed). No error carries a stack trace, SQL or a secret.

			Requests are strict: an unknown JSON property is a 400, so a typo never silently changes a swap. \
			`POST /api/v1/swaps` takes an optional `Idempotency-Key` header: a retry with the same key and \
			request returns the first operation (`Idempotent-Replayed: true`).""";

	private final String version;

	OpenApiDocument(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		this.version = properties != null && properties.getVersion() != null ? properties.getVersion() : "dev";
	}

	@Bean
	OpenAPI slotswapOpenApi() {
		return new OpenAPI()
			.info(new Info().title("slotswap").version(version).description(DESCRIPTION))
			// relative: the host that serves the document (and Swagger UI), whatever its name or port
			.servers(List.of(new Server().url("/").description("This service")));
	}

	@Bean
	OpenApiCustomizer slotswapProblems() {
		return OpenApiDocument::customize;
	}

	static void customize(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		ModelConverters.getInstance(true).readAll(Problem.class).forEach(openApi.getComponents()::addSchemas);
		if (openApi.getTags() != null) {
			// springdoc lists the tags in the order it met the controllers, which is no order at all
			List<Tag> tags = new ArrayList<>(openApi.getTags());
			tags.sort(Comparator.comparingInt((Tag tag) -> TAG_ORDER.contains(tag.getName())
					? TAG_ORDER.indexOf(tag.getName()) : TAG_ORDER.size()).thenComparing(Tag::getName));
			openApi.setTags(tags);
		}
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses responses = operation.getResponses();
			if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
				responses.computeIfAbsent("401", code -> problem("No valid bearer token",
						json(OpenApiExamples.UNAUTHORIZED_PROBLEM, path))
					.addHeaderObject("WWW-Authenticate", header("Bearer")));
				JsonNode role = json(OpenApiExamples.ROLE_FORBIDDEN_PROBLEM, path);
				ApiResponse forbidden = responses.computeIfAbsent("403",
						code -> problem("The caller's roles do not allow this operation", role));
				// a 403 of the operation's own (four eyes, a site's policy) lists the role's next to its own
				MediaType own = forbidden.getContent() == null ? null : forbidden.getContent().get(PROBLEM_JSON);
				if (own != null && own.getExamples() != null && !own.getExamples().containsKey("Role")) {
					own.addExamples("Role", new Example().summary("The caller's roles do not allow it").value(role));
				}
			}
			if (method == PathItem.HttpMethod.POST) {
				responses.computeIfAbsent("429", code -> problem(
						"Too many requests from this caller (a POST rate limit per principal); Retry-After",
						json(OpenApiExamples.RATE_LIMITED_PROBLEM, path)));
			}
			responses.forEach((code, response) -> {
				if ((code.equals("429") || code.equals("503"))
						&& (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
					response.addHeaderObject("Retry-After", header("Seconds to wait before trying again"));
				}
				if (response.getContent() != null && response.getContent().get(PROBLEM_JSON) != null) {
					response.getContent().get(PROBLEM_JSON).setSchema(problemSchema());
				}
			});
			// the order springdoc keeps is the annotations'; the added codes go where they belong
			ApiResponses ordered = new ApiResponses();
			responses.keySet().stream().sorted().forEach(code -> ordered.addApiResponse(code, responses.get(code)));
			if (responses.getExtensions() != null) {
				ordered.setExtensions(responses.getExtensions());
			}
			operation.setResponses(ordered);
		}));
	}

	private static ApiResponse problem(String description, JsonNode example) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problemSchema()).example(example)));
	}

	@SuppressWarnings("rawtypes")
	private static io.swagger.v3.oas.models.media.Schema problemSchema() {
		return new io.swagger.v3.oas.models.media.Schema<>().$ref(PROBLEM_REF);
	}

	private static Header header(String description) {
		return new Header().description(description)
			.schema(new io.swagger.v3.oas.models.media.Schema<String>().type("string").types(java.util.Set.of("string")));
	}

	/** The problem {@code example} as answered on {@code path} (a template: its variables get example values). */
	private static JsonNode json(String example, String path) {
		try {
			ObjectNode problem = (ObjectNode) Json31.mapper().readTree(example);
			problem.put("instance", path.replace("{id}", EXAMPLE_ID)
				.replace("{resourceGroup}", "rg-dss-demo")
				.replace("{site}", "dss-helloworldapp-prod")
				.replace("{slot}", "staging"));
			return problem;
		}
		catch (JsonProcessingException | ClassCastException e) {
			throw new IllegalStateException("An OpenAPI problem example is not a JSON object: " + example, e);
		}
	}

	/**
	 * The body of every error: RFC 9457 and the extension members slotswap adds (see
	 * {@code ProblemHandler}, {@code io.slotswap.security.SecurityProblems}). Only a schema: the
	 * service writes Spring's {@code ProblemDetail}.
	 */
	@Schema(name = PROBLEM, description = "An RFC 9457 problem (application/problem+json). Members beyond the five "
			+ "of RFC 9457 appear only on the problems that name them; a client should ignore members it does not "
			+ "know.")
	record Problem(
			@Schema(description = "A URI reference that identifies the kind of problem; relative to this service",
					format = "uri-reference", example = "/problems/invalid-request",
					requiredMode = Schema.RequiredMode.REQUIRED) String type,
			@Schema(description = "A short summary of the kind of problem", example = "Invalid request",
					requiredMode = Schema.RequiredMode.REQUIRED) String title,
			@Schema(description = "The HTTP status code", example = "400", minimum = "400", maximum = "599",
					requiredMode = Schema.RequiredMode.REQUIRED) int status,
			@Schema(description = "What went wrong this time, for people",
					example = "site: must be 2-60 letters, digits or '-', not starting or ending with '-'",
					requiredMode = Schema.RequiredMode.REQUIRED) String detail,
			@Schema(description = "The path of the request", format = "uri-reference", example = "/api/v1/swaps",
					requiredMode = Schema.RequiredMode.REQUIRED) String instance,
			@Schema(description = "400 invalid-request: each broken rule, by field (a JSON path into the body, "
					+ "or the name of a parameter or header)") List<FieldProblem> errors,
			@Schema(description = "404 site-not-found / slot-not-found: SiteNotFound or SlotNotFound",
					allowableValues = { "SiteNotFound", "SlotNotFound" }) String code,
			@Schema(description = "409 swap-already-active: the operation already active on the site") UUID activeSwapId,
			@Schema(description = "409 state-conflict: the operation's state, which does not allow the action") SwapState state,
			@Schema(description = "422 idempotency-key-reused: the operation the Idempotency-Key was first used for") UUID operationId) {
	}

	/** One broken rule of a 400. */
	@Schema(name = "FieldProblem", description = "One broken rule of a request")
	record FieldProblem(
			@Schema(description = "The field: a JSON path into the body (warmup.intervalSeconds, "
					+ "verification.expectedStatuses[0]), or a parameter or header name", example = "site",
					requiredMode = Schema.RequiredMode.REQUIRED) String field,
			@Schema(description = "The rule it breaks", example = "must be 2-60 letters, digits or '-', not "
					+ "starting or ending with '-'", requiredMode = Schema.RequiredMode.REQUIRED) String message) {
	}
}
