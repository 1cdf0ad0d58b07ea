package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/** Bad input gets a clear RFC 9457 problem and changes nothing. */
class BadInputIT extends FullStackSupport {

	static final String DEMO = "\"resourceGroup\":\"rg-dss-demo\",\"site\":\"dss-helloworldapp-prod\"";

	static String swap(String fields) {
		return "{" + DEMO + ",\"sourceSlot\":\"staging\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(
				bad("malformed JSON", "{\"site\":", 400, "body"),
				bad("an unknown property", swap("\"sitee\":\"x\""), 400, "sitee"),
				bad("an unknown nested property", swap("\"warmup\":{\"pathh\":\"/\"}"), 400, "warmup.pathh"),
				bad("a bad mode", swap("\"mode\":\"FAST\""), 400, "mode"),
				bad("no resource group", "{\"site\":\"dss-helloworldapp-prod\",\"sourceSlot\":\"staging\"}", 400,
						"resourceGroup"),
				bad("no site", "{\"resourceGroup\":\"rg-dss-demo\",\"sourceSlot\":\"staging\"}", 400, "site"),
				bad("no source slot", "{" + DEMO + "}", 400, "sourceSlot"),
				bad("a site starting with '-'", "{\"resourceGroup\":\"rg\",\"site\":\"-bad\",\"sourceSlot\":\"s\"}",
						400, "site"),
				bad("a one-letter site", "{\"resourceGroup\":\"rg\",\"site\":\"a\",\"sourceSlot\":\"s\"}", 400, "site"),
				bad("a 61-letter site", "{\"resourceGroup\":\"rg\",\"site\":\"" + "a".repeat(61)
						+ "\",\"sourceSlot\":\"s\"}", 400, "site"),
				bad("a resource group ending in '.'",
						"{\"resourceGroup\":\"rg.\",\"site\":\"site\",\"sourceSlot\":\"s\"}", 400, "resourceGroup"),
				bad("a resource group with a space",
						"{\"resourceGroup\":\"rg demo\",\"site\":\"site\",\"sourceSlot\":\"s\"}", 400, "resourceGroup"),
				bad("a subscription that is not a UUID", swap("\"subscriptionId\":\"sub-1\""), 400, "subscriptionId"),
				bad("the same source and target", swap("\"targetSlot\":\"STAGING\""), 400, "targetSlot"),
				bad("a slot with '_'", "{" + DEMO + ",\"sourceSlot\":\"stag_ing\"}", 400, "sourceSlot"),
				bad("a relative warm-up path", swap("\"warmup\":{\"path\":\"health\"}"), 400, "warmup.path"),
				bad("a warm-up path with '..'", swap("\"warmup\":{\"path\":\"/../admin\"}"), 400, "warmup.path"),
				bad("a warm-up path naming a host", swap("\"warmup\":{\"path\":\"//evil.example/x\"}"), 400,
						"warmup.path"),
				bad("a warm-up URL with a scheme", swap("\"warmup\":{\"path\":\"http://evil.example/\"}"), 400,
						"warmup.path"),
				bad("a verification path with '\\'", swap("\"verification\":{\"path\":\"/a\\\\b\"}"), 400,
						"verification.path"),
				bad("a path with a control character", swap("\"warmup\":{\"path\":\"/a\\u0007\"}"), 400,
						"warmup.path"),
				bad("a number for the mode", swap("\"mode\":1"), 400, "mode"),
				bad("a fraction for an integer", swap("\"verification\":{\"durationSeconds\":0.5}"), 400,
						"verification.durationSeconds"),
				bad("a fraction for the failure threshold", swap("\"verification\":{\"failureThreshold\":1.5}"), 400,
						"verification.failureThreshold"),
				bad("a number for a boolean", swap("\"verification\":{\"autoRollback\":0}"), 400,
						"verification.autoRollback"),
				bad("a string for a boolean", swap("\"verification\":{\"autoRollback\":\"false\"}"), 400,
						"verification.autoRollback"),
				bad("strings for status codes", swap("\"warmup\":{\"expectedStatuses\":[\"200\"]}"), 400, null),
				bad("a boolean for a slot", swap("\"targetSlot\":true"), 400, "targetSlot"),
				bad("a key given twice", swap("\"mode\":\"SWAP\",\"mode\":\"PREVIEW\""), 400, null),
				bad("a path with encoded dot segments", swap("\"warmup\":{\"path\":\"/%2e%2e/admin\"}"), 400,
						"warmup.path"),
				bad("a path with a mixed-case encoded dot", swap("\"verification\":{\"path\":\"/.%2E/x\"}"), 400,
						"verification.path"),
				bad("a path with an encoded slash", swap("\"warmup\":{\"path\":\"/%2f%2fevil.example\"}"), 400,
						"warmup.path"),
				bad("a path with an encoded backslash", swap("\"warmup\":{\"path\":\"/a%5Cb\"}"), 400,
						"warmup.path"),
				bad("a path with an invalid escape", swap("\"warmup\":{\"path\":\"/ok%zz\"}"), 400, "warmup.path"),
				bad("a path ending in a lone %", swap("\"warmup\":{\"path\":\"/ok%\"}"), 400, "warmup.path"),
				bad("no expected statuses", swap("\"warmup\":{\"expectedStatuses\":[]}"), 400,
						"warmup.expectedStatuses"),
				bad("a status below 100", swap("\"warmup\":{\"expectedStatuses\":[99]}"), 400,
						"warmup.expectedStatuses[0]"),
				bad("eleven statuses", swap("\"verification\":{\"expectedStatuses\":[200,201,202,203,204,205,206,207,208,226,299]}"),
						400, "verification.expectedStatuses"),
				bad("zero consecutive successes", swap("\"warmup\":{\"consecutiveSuccesses\":0}"), 400,
						"warmup.consecutiveSuccesses"),
				bad("a 61 s interval", swap("\"warmup\":{\"intervalSeconds\":61}"), 400, "warmup.intervalSeconds"),
				bad("a 4 s warm-up time-out", swap("\"warmup\":{\"timeoutSeconds\":4}"), 400, "warmup.timeoutSeconds"),
				bad("a verification over an hour", swap("\"verification\":{\"durationSeconds\":3601}"), 400,
						"verification.durationSeconds"),
				bad("a failure threshold of 21", swap("\"verification\":{\"failureThreshold\":21}"), 400,
						"verification.failureThreshold"),
				bad("a 501-character reason", swap("\"reason\":\"" + "r".repeat(501) + "\""), 400, "reason"),
				bad("preserveVnet as a word", swap("\"preserveVnet\":\"yes\""), 400, "preserveVnet"),
				bad("an interval as a word", swap("\"warmup\":{\"intervalSeconds\":\"five\"}"), 400,
						"warmup.intervalSeconds"),
				bad("a JSON array", "[]", 400, "body"),
				bad("an empty body", "", 400, "body"),
				Arguments.of("a body that is not JSON", "POST", "/api/v1/swaps", swap(""), "text/plain", null, 415, null),
				Arguments.of("a body over 64 KiB", "POST", "/api/v1/swaps",
						swap("\"reason\":\"" + "x".repeat(70_000) + "\""), "application/json", null, 413, null),
				Arguments.of("a 129-character Idempotency-Key", "POST", "/api/v1/swaps", swap(""), "application/json",
						"k".repeat(129), 400, "Idempotency-Key"),
				Arguments.of("an unknown site", "POST", "/api/v1/swaps",
						"{\"resourceGroup\":\"rg-dss-demo\",\"site\":\"no-such-site\",\"sourceSlot\":\"staging\"}",
						"application/json", null, 404, null),
				Arguments.of("an unknown slot", "POST", "/api/v1/swaps", "{" + DEMO + ",\"sourceSlot\":\"qa\"}",
						"application/json", null, 404, null),
				Arguments.of("an unknown target slot", "POST", "/api/v1/swaps",
						swap("\"targetSlot\":\"nope\""), "application/json", null, 404, null),
				Arguments.of("an id that is not a UUID", "GET", "/api/v1/swaps/not-a-uuid", null, null, null, 400, "id"),
				Arguments.of("an unknown id", "GET", "/api/v1/swaps/" + UUID.randomUUID(), null, null, null, 404, null),
				Arguments.of("events of an unknown id", "GET", "/api/v1/swaps/" + UUID.randomUUID() + "/events", null,
						null, null, 404, null),
				Arguments.of("a page of 101", "GET", "/api/v1/swaps?size=101", null, null, null, 400, "size"),
				Arguments.of("an id that is not a canonical UUID", "GET", "/api/v1/swaps/1-1-1-1-1", null, null, null,
						400, "id"),
				Arguments.of("an id in fullwidth digits", "GET",
						"/api/v1/swaps/%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91%EF%BC%91-1111-1111-1111-111111111111",
						null, null, null, 400, "id"),
				Arguments.of("an undecodable byte in the query", "GET", "/api/v1/swaps?size=%ff", null, null, null, 400,
						null),
				Arguments.of("page x size past the bound", "GET", "/api/v1/swaps?page=21474837&size=100", null, null,
						null, 400, "page"),
				Arguments.of("an unknown state filter", "GET", "/api/v1/swaps?state=BOGUS", null, null, null, 400,
						"state"),
				Arguments.of("an unknown channel filter", "GET",
						"/api/v1/swaps/" + UUID.randomUUID() + "/events?channel=fax", null, null, null, 400, "channel"),
				Arguments.of("cancelling an unknown id", "POST", "/api/v1/swaps/" + UUID.randomUUID() + "/cancel", "",
						"application/json", null, 404, null));
	}

	static Arguments bad(String name, String body, int status, String field) {
		return Arguments.of(name, "POST", "/api/v1/swaps", body, "application/json", null, status, field);
	}

	@ParameterizedTest(name = "{0} is answered {6}")
	@MethodSource("badRequests")
	void badInputIsAnsweredWithAProblemAndPersistsNothing(String name, String method, String path, String body,
			String contentType, String idempotencyKey, int status, String field) {
		long before = countOperations();

		Http.Response response;
		if ("GET".equals(method)) {
			response = http.get(path);
		}
		else if (idempotencyKey != null) {
			response = http.postRaw(path, HttpRequest.BodyPublishers.ofString(body), "Content-Type", contentType,
					"Idempotency-Key", idempotencyKey);
		}
		else {
			response = http.postRaw(path, HttpRequest.BodyPublishers.ofString(body), "Content-Type", contentType);
		}

		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.hasNonNull("type")).isTrue();
		assertThat(problem.hasNonNull("title")).isTrue();
		assertThat(problem.hasNonNull("detail")).isTrue();
		assertThat(problem.get("instance").asString()).isEqualTo(path.replaceAll("\\?.*", ""));
		if (field != null) {
			assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
				.contains(field);
		}
		assertThat(response.body()).doesNotContainIgnoringCase("exception")
			.doesNotContainIgnoringCase("select ")
			.doesNotContain("at io.slotswap")
			.doesNotContain("tools.jackson");
		assertThat(countOperations()).isEqualTo(before);
	}
}
