package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class LiveEventsIT extends FullStackSupport {

	@Test
	void anEventStreamClientReceivesEveryTransitionAndTheStreamClosesAfterTheLast() throws Exception {
		String rg = "rg-live";
		String site = newSite(rg);
		// two good answers in a row: the stream is open before the swap is over
		String id = requestSwap(swapRequest(rg, site, "").replace("\"consecutiveSuccesses\":1", "\"consecutiveSuccesses\":2"));

		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<java.util.stream.Stream<String>> stream = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/swaps/" + id + "/events"))
					.header("Accept", "text/event-stream")
					.header("Authorization", "Bearer " + Http.VIEWER)
					.timeout(Duration.ofSeconds(60))
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		List<String> streamed = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		stream.body().forEach(line -> {
			if (line.startsWith("data:")) {
				JsonNode event = Http.JSON.readTree(line.substring(5));
				if ("TRANSITION".equals(event.get("type").asString())) {
					streamed.add(event.get("toState").asString());
				}
			}
			else if (line.startsWith("id:")) {
				ids.add(line.substring(3));
			}
		});

		assertThat(streamed).containsExactly("PENDING", "VALIDATING", "WARMING_UP", "SWAPPING", "SUCCEEDED");
		assertThat(streamed).isEqualTo(transitions(id));
		assertThat(ids).doesNotHaveDuplicates();
	}

	@Test
	void aStreamResumedWithLastEventIdSendsOnlyWhatCameAfter() throws Exception {
		String rg = "rg-live";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitTerminal(id);
		List<String> all = new ArrayList<>();
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/swaps/" + id + "/events"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + Http.VIEWER)
			.timeout(Duration.ofSeconds(30));
		client.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines())
			.body()
			.filter(line -> line.startsWith("id:"))
			.forEach(line -> all.add(line.substring(3)));

		List<String> resumed = new ArrayList<>();
		client.send(request.header("Last-Event-ID", all.get(1)).GET().build(), HttpResponse.BodyHandlers.ofLines())
			.body()
			.filter(line -> line.startsWith("id:"))
			.forEach(line -> resumed.add(line.substring(3)));

		assertThat(resumed).isEqualTo(all.subList(2, all.size()));
	}

	@Test
	void aPrincipalMayHoldTenLiveStreamsAndTheEleventhIs429() throws Exception {
		String rg = "rg-live-cap";
		String id = requestSwap(swapRequest(rg, newSite(rg), "\"mode\":\"PREVIEW\""));
		awaitState(id, "AWAITING_APPROVAL");
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest stream = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/swaps/" + id + "/events"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + Http.VIEWER)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				HttpResponse<java.io.InputStream> response = client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
				assertThat(response.statusCode()).isEqualTo(200);
				open.add(response);
			}

			HttpResponse<String> eleventh = client.send(stream, HttpResponse.BodyHandlers.ofString());

			assertThat(eleventh.statusCode()).isEqualTo(429);
			assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();
			assertThat(http.as(Http.OPERATOR).get("/api/v1/swaps/" + id + "/events").status())
				.as("the history without streaming").isEqualTo(200);
		}
		finally {
			for (HttpResponse<java.io.InputStream> response : open) {
				response.body().close();
			}
			http.post("/api/v1/swaps/" + id + "/cancel", "");
		}
	}
}
