package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** What process-level tests do over HTTP: drive a control plane and watch an emulator. */
final class Clients {

	private Clients() {
	}

	/** The emulator's control API and slot sites. */
	record Emulator(Http http) {

		String newSite(String resourceGroup) {
			String site = "it-" + UUID.randomUUID().toString().substring(0, 8);
			Http.Response created = http.put("/emulator/control/sites/" + resourceGroup + "/" + site,
					"{\"slots\":[\"staging\"],\"appSettings\":{\"ENVIRONMENT\":\"production\"},"
							+ "\"stickyAppSettings\":[\"ENVIRONMENT\"]}");
			assertThat(created.status()).as(created.body()).isIn(200, 201);
			deploy(resourceGroup, site, "production", "{\"version\":\"1.0.0\",\"healthy\":true}");
			deploy(resourceGroup, site, "staging", "{\"version\":\"1.1.0\",\"healthy\":true}");
			return site;
		}

		void deploy(String resourceGroup, String site, String slot, String buildJson) {
			Http.Response deployed = http
				.put("/emulator/control/sites/" + resourceGroup + "/" + site + "/slots/" + slot + "/build", buildJson);
			assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
		}

		void faults(String json) {
			Http.Response response = http.put("/emulator/control/faults", json);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
		}

		String productionBuild(String site) {
			Http.Response answer = http.get("/emulator/sites/" + site + ".emulator.local/");
			return answer.json().get("build").asString();
		}

		int swapCount(String resourceGroup, String site) {
			return http.get("/emulator/control/sites/" + resourceGroup + "/" + site).json().get("swapCount").asInt();
		}

		/** How many swap POSTs the emulator received for the site (performed or not). */
		int swapPosts(String resourceGroup, String site) {
			return http.get("/emulator/control/sites/" + resourceGroup + "/" + site).json().get("operations").size();
		}
	}

	/** A control plane's REST API. */
	record ControlPlane(Http http) {

		String requestSwap(String resourceGroup, String site, String extra) {
			Http.Response accepted = http.post("/api/v1/swaps",
					"{\"resourceGroup\":\"" + resourceGroup + "\",\"site\":\"" + site + "\",\"sourceSlot\":\"staging\""
							+ ",\"warmup\":{\"consecutiveSuccesses\":1,\"intervalSeconds\":1,\"timeoutSeconds\":120}"
							+ (extra.isEmpty() ? "" : "," + extra) + "}");
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			return accepted.json().get("id").asString();
		}

		JsonNode operation(String id) {
			return http.get("/api/v1/swaps/" + id).json();
		}

		JsonNode awaitState(String id, String state) {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
				JsonNode op = operation(id);
				if (op.get("terminal").asBoolean() && !op.get("state").asString().equals(state)) {
					throw new AssertionError("ended " + op.get("state") + " instead of reaching " + state);
				}
				return op.get("state").asString().equals(state);
			});
			return operation(id);
		}

		void awaitNote(String id, String text) {
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> http.get("/api/v1/swaps/" + id + "/events?type=NOTE").body().contains(text));
		}

		JsonNode awaitTerminal(String id) {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> operation(id).get("terminal").asBoolean());
			return operation(id);
		}

		List<String> transitions(String id) {
			List<String> states = new ArrayList<>();
			for (JsonNode event : http.get("/api/v1/swaps/" + id + "/events?type=TRANSITION").json()) {
				states.add(event.get("toState").asString());
			}
			return states;
		}

		String notes(String id) {
			return http.get("/api/v1/swaps/" + id + "/events?type=NOTE").body();
		}
	}
}
