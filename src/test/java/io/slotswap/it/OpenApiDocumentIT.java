package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document as the service serves it ({@code /v3/api-docs}) is the one committed in
 * {@code docs/openapi.json}, so the portal team can generate a client without running the service.
 * <p>
 * The live document is always written to {@code target/openapi.json} (pretty-printed, keys sorted).
 * When the API changes on purpose, refresh the committed copy and commit it with the change:
 *
 * <pre>
 * ./mvnw verify -Dit.test=OpenApiDocumentIT -Dopenapi.update=true
 * </pre>
 *
 * (failsafe hands Maven's user properties to the forked JVM as system properties; the environment
 * variable {@code OPENAPI_UPDATE=true} does the same). Without it, the test fails when the live
 * document differs from the committed one.
 */
class OpenApiDocumentIT extends FullStackSupport {

	static final Path PROJECT = Path.of(System.getProperty("basedir", "."));

	static final Path COMMITTED = PROJECT.resolve("docs/openapi.json");

	static final Path LIVE = PROJECT.resolve("target/openapi.json");

	static final String REFRESH = "./mvnw verify -Dit.test=OpenApiDocumentIT -Dopenapi.update=true";

	static final String PROBLEM_REF = "#/components/schemas/Problem";

	/** The version of a document served by classes built without build-info (an IDE's own build). */
	static final String DEV = "dev";

	/** Schemas named after framework types: what the API returns is never one of them. */
	static final List<String> FRAMEWORK_TYPES = List.of("SseEmitter", "ResponseBodyEmitter", "DeferredResult",
			"ResponseEntity", "HttpEntity", "ProblemDetail", "Callable", "CompletableFuture", "StreamingResponseBody",
			"Object");

	@Test
	void theCommittedDocumentIsTheLiveOne() throws IOException {
		Http.Response answer = http.as(null).get("/v3/api-docs");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode live = sorted(answer.json());
		String pretty = Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n";
		Files.createDirectories(LIVE.getParent());
		Files.writeString(LIVE, pretty, StandardCharsets.UTF_8);

		boolean builtByMaven = !DEV.equals(live.at("/info/version").asString());
		if (update()) {
			assertThat(builtByMaven).as("the version comes from META-INF/build-info.properties, which only the Maven "
					+ "build writes: refresh with " + REFRESH).isTrue();
			Files.createDirectories(COMMITTED.getParent());
			Files.writeString(COMMITTED, pretty, StandardCharsets.UTF_8);
			return;
		}
		if (!Files.exists(COMMITTED)) {
			fail(COMMITTED + " is missing; write it with: " + REFRESH);
		}
		JsonNode committed = Http.JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
		if (!builtByMaven && committed.at("/info").isObject()) {
			// run from an IDE that did not run the build-info goal: everything but the version must agree
			((ObjectNode) live.get("info")).set("version", committed.at("/info/version"));
		}
		if (!committed.equals(live)) {
			fail("docs/openapi.json differs from the live document (" + LIVE + ") at " + firstDifference("", committed,
					live) + ". If the API changed on purpose, refresh it with: " + REFRESH
					+ " and commit docs/openapi.json with the change.");
		}
	}

	@Test
	void theDocumentSaysWhatItIs() {
		JsonNode document = http.as(null).get("/v3/api-docs").json();
		JsonNode info = document.get("info");
		assertThat(info.get("title").asString()).isEqualTo("slotswap");
		assertThat(info.get("version").asString()).isNotBlank().isNotEqualTo("v0");
		assertThat(info.get("description").asString()).contains("Bearer", "problem+json", "dev-operator");
		assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void theServersDoNotNameThisTestsPort() {
		JsonNode servers = http.as(null).get("/v3/api-docs").json().get("servers");
		if (servers != null) {
			for (JsonNode server : servers) {
				String url = server.get("url").asString();
				assertThat(url).as("servers").doesNotContain(String.valueOf(port)).doesNotContain("localhost");
			}
		}
	}

	@Test
	void noSchemaIsAFrameworkType() {
		JsonNode document = http.as(null).get("/v3/api-docs").json();
		List<String> names = new ArrayList<>(document.path("components").path("schemas").propertyNames());
		for (String name : names) {
			for (String framework : FRAMEWORK_TYPES) {
				assertThat(name).as("schema %s", name).doesNotStartWith(framework);
			}
		}
		List<String> refs = new ArrayList<>();
		collectRefs(document, refs);
		for (String ref : refs) {
			for (String framework : FRAMEWORK_TYPES) {
				assertThat(ref).as("$ref").doesNotStartWith("#/components/schemas/" + framework);
			}
		}
		JsonNode stream = document.at("/paths/~1api~1v1~1swaps~1{id}~1events/get/responses/200/content");
		assertThat(stream.has("text/event-stream")).as("the live history: %s", stream).isTrue();
		JsonNode get = document.at("/paths/~1api~1v1~1swaps~1{id}/get/responses/200/content/application~1json/schema");
		assertThat(get.path("$ref").asString()).isEqualTo("#/components/schemas/SwapOperationView");
	}

	@Test
	void everyProblemIsTheProblemSchemaWithAnExample() {
		JsonNode document = http.as(null).get("/v3/api-docs").json();
		JsonNode problem = document.at("/components/schemas/Problem/properties");
		assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance", "errors",
				"activeSwapId");
		List<String> wrong = new ArrayList<>();
		int problems = 0;
		for (var path : document.get("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				for (var response : operation.getValue().path("responses").properties()) {
					String where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey() + " "
							+ response.getKey();
					JsonNode content = response.getValue().path("content");
					if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
						if (!content.has("application/problem+json")) {
							wrong.add(where + " is not application/problem+json");
						}
					}
					for (var media : content.properties()) {
						if (!media.getKey().equals("application/problem+json")) {
							continue;
						}
						problems++;
						if (!PROBLEM_REF.equals(media.getValue().path("schema").path("$ref").asString(null))) {
							wrong.add(where + " does not reference " + PROBLEM_REF + ": " + media.getValue().path("schema"));
						}
						if (!media.getValue().has("examples") && !media.getValue().has("example")) {
							wrong.add(where + " has no example");
						}
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(problems).isGreaterThan(20);
	}

	// ------------------------------------------------------------------ helpers

	private static boolean update() {
		return Boolean.parseBoolean(System.getProperty("openapi.update"))
				|| Boolean.parseBoolean(System.getenv("OPENAPI_UPDATE"));
	}

	/** {@code node} with every object's keys in alphabetical order: a stable file, whatever order springdoc used. */
	static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> properties = new TreeMap<>();
			node.properties().forEach(property -> properties.put(property.getKey(), sorted(property.getValue())));
			ObjectNode copy = Http.JSON.createObjectNode();
			properties.forEach(copy::set);
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = Http.JSON.createArrayNode();
			node.forEach(element -> copy.add(sorted(element)));
			return copy;
		}
		return node;
	}

	private static void collectRefs(JsonNode node, List<String> refs) {
		if (node.isObject()) {
			node.properties().forEach(property -> {
				if (property.getKey().equals("$ref") && property.getValue().isString()) {
					refs.add(property.getValue().asString());
				}
				else {
					collectRefs(property.getValue(), refs);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach(element -> collectRefs(element, refs));
		}
	}

	/** The JSON pointer of the first place where the two documents differ, to say where to look. */
	private static String firstDifference(String pointer, JsonNode committed, JsonNode live) {
		if (committed.isObject() && live.isObject()) {
			List<String> names = new ArrayList<>(new java.util.TreeSet<>(committed.propertyNames()));
			live.propertyNames().forEach(name -> {
				if (!names.contains(name)) {
					names.add(name);
				}
			});
			for (String name : names) {
				JsonNode a = committed.get(name);
				JsonNode b = live.get(name);
				String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
				if (a == null || b == null) {
					return child + (a == null ? " (only in the live document)" : " (only in docs/openapi.json)");
				}
				if (!a.equals(b)) {
					return firstDifference(child, a, b);
				}
			}
		}
		if (committed.isArray() && live.isArray() && committed.size() == live.size()) {
			for (int i = 0; i < committed.size(); i++) {
				if (!committed.get(i).equals(live.get(i))) {
					return firstDifference(pointer + "/" + i, committed.get(i), live.get(i));
				}
			}
		}
		return (pointer.isEmpty() ? "/" : pointer) + " (docs/openapi.json: " + abbreviate(committed) + ", live: "
				+ abbreviate(live) + ")";
	}

	private static String abbreviate(JsonNode node) {
		String text = node.toString();
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
	}
}
