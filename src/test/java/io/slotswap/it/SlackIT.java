package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Slack drives slotswap: slash commands and Approve/Reject clicks, signed as Slack signs them (the
 * signature is computed here with the JDK's HMAC, not with slotswap's code), with the {@code local}
 * profile's signing secret and Slack users. A local server stands in for Slack's {@code response_url}.
 */
class SlackIT extends FullStackSupport {

	static final String SECRET = "dev-slack-signing-secret";

	static final String OPERATOR = "U0DEVOPER";

	static final String APPROVER = "U0DEVAPPROVER";

	static final String ADMIN = "U0DEVADMIN";

	HttpServer slack;

	final List<String> replies = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startSlack() throws IOException {
		slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		slack.createContext("/", exchange -> {
			replies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		slack.start();
	}

	@AfterEach
	void stopSlack() {
		slack.stop(0);
	}

	String responseUrl() {
		return "http://127.0.0.1:" + slack.getAddress().getPort() + "/commands/1";
	}

	@Test
	void aSignedHelpCommandIsAnsweredAtOnce() {
		Http.Response answer = command(OPERATOR, "help");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("response_type").asString()).isEqualTo("ephemeral");
		assertThat(answer.json().get("text").asString()).contains("swap <resourceGroup>/<site> <sourceSlot>");
	}

	@Test
	void unsignedWronglySignedStaleOrReplayedRequestsAreRefusedForCommandsAndInteractions() {
		for (String path : List.of("/api/v1/chatops/slack/commands", "/api/v1/chatops/slack/interactions")) {
			String body = form("user_id", OPERATOR, "text", "help", "response_url", responseUrl(), "path", path);
			long now = Instant.now().getEpochSecond();

			assertThat(post(path, body, null, null).status()).as("%s unsigned", path).isEqualTo(401);
			assertThat(post(path, body, now, sign("not-the-secret", now, body)).status()).as("%s wrong secret", path)
				.isEqualTo(401);
			long stale = now - 6 * 60;
			assertThat(post(path, body, stale, sign(SECRET, stale, body)).status()).as("%s stale", path).isEqualTo(401);
			String signature = sign(SECRET, now, body);
			assertThat(post(path, body.replace("help", "swap"), now, signature).status())
				.as("%s replayed with another body", path).isEqualTo(401);
			assertThat(post(path, body, now, signature).status()).as("%s signed", path).isEqualTo(200);
			Http.Response replay = post(path, body, now, signature);
			assertThat(replay.status()).as("%s replayed as it was", path).isEqualTo(401);
			assertThat(replay.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void aSwapRequestedFromSlackAnswersAtOnceThenPostsItsOutcomeAndIsAuditedAsTheMappedUser() {
		String rg = "rg-slack";
		String site = newSite(rg);

		Http.Response answer = command(OPERATOR, "swap " + rg + "/" + site + " staging Release 1.1.0 from Slack");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("response_type").asString()).isEqualTo("in_channel");
		assertThat(answer.json().get("text").asString()).contains("dev-operator asked to swap " + rg + "/" + site);
		await().atMost(Duration.ofSeconds(60)).until(() -> replies.stream().anyMatch(r -> r.contains("SUCCEEDED")));
		assertThat(replies.get(0)).contains("Swap accepted");
		String id = replies.get(0).replaceAll("(?s).*`([0-9a-f-]{36})`.*", "$1");
		JsonNode operation = http.get("/api/v1/swaps/" + id).json();
		assertThat(operation.get("requestedBy").asString()).isEqualTo("dev-operator");
		assertThat(operation.get("reason").asString()).isEqualTo("Release 1.1.0 from Slack");
		assertThat(http.get("/api/v1/swaps/" + id + "/events").json().get(0).get("channel").asString())
			.isEqualTo("slack");
		assertThat(buildServedBy(site, "production")).isEqualTo("1.1.0");
	}

	@Test
	void aSlackUserNobodyMappedMayOnlyRead() {
		String rg = "rg-slack";
		String site = newSite(rg);

		Http.Response answer = command("U0STRANGER", "swap " + rg + "/" + site + " staging");

		assertThat(answer.json().get("text").asString()).startsWith("Refused").contains("read only");
		assertThat(http.get("/api/v1/swaps?site=" + site).json().at("/page/totalElements").asLong()).isZero();
		assertThat(command("U0STRANGER", "status " + rg + "/" + site).json().get("text").asString())
			.contains("No swaps");
	}

	@Test
	void fourEyesHoldInSlackAndAnApproversClickApprovesAndUpdatesTheMessage() {
		String rg = "rg-approval-slack";
		String site = newSite(rg);
		Http.Response requested = http.as(Http.ADMIN).post("/api/v1/swaps", swapRequest(rg, site, ""));
		String id = requested.json().get("id").asString();
		awaitState(id, "AWAITING_APPROVAL");

		assertThat(command(ADMIN, "approve " + id).json().get("text").asString())
			.contains("Refused").contains("may not approve");
		Http.Response own = click(ADMIN, "approve", id);
		assertThat(own.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> replies.stream().anyMatch(r -> r.contains("may not approve")));
		assertThat(http.get("/api/v1/swaps/" + id).json().get("state").asString()).isEqualTo("AWAITING_APPROVAL");

		assertThat(click(APPROVER, "approve", id).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> replies.stream().anyMatch(r -> r.contains("Approved by dev-approver") && r.contains("replace_original")));
		JsonNode done = awaitTerminal(id);
		assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(done.get("approvedBy").asString()).isEqualTo("dev-approver");
	}

	@Test
	void anOperatorMayNotApproveFromSlackButAnApproverMayReject() {
		String rg = "rg-approval-slack";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitState(id, "AWAITING_APPROVAL");

		assertThat(command(OPERATOR, "approve " + id).json().get("text").asString()).contains("may not approve");
		assertThat(command(APPROVER, "reject " + id).json().get("text").asString()).contains("dev-approver rejected");

		assertThat(awaitTerminal(id).get("state").asString()).isEqualTo("CANCELLED");
	}

	private Http.Response command(String user, String text) {
		String body = form("command", "/slotswap", "text", text, "user_id", user, "user_name", user.toLowerCase(),
				"response_url", responseUrl());
		long now = Instant.now().getEpochSecond();
		return post("/api/v1/chatops/slack/commands", body, now, sign(SECRET, now, body));
	}

	private Http.Response click(String user, String action, String id) {
		String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + user + "\",\"username\":\"" + user
				+ "\"},\"response_url\":\"" + responseUrl() + "\",\"actions\":[{\"action_id\":\"" + action
				+ "\",\"value\":\"" + id + "\"}]}";
		String body = form("payload", payload);
		long now = Instant.now().getEpochSecond();
		return post("/api/v1/chatops/slack/interactions", body, now, sign(SECRET, now, body));
	}

	private Http.Response post(String path, String body, Long timestamp, String signature) {
		List<String> headers = new java.util.ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
		if (timestamp != null) {
			headers.addAll(List.of("X-Slack-Request-Timestamp", Long.toString(timestamp)));
		}
		if (signature != null) {
			headers.addAll(List.of("X-Slack-Signature", signature));
		}
		return http.as(null).postRaw(path, HttpRequest.BodyPublishers.ofString(body), headers.toArray(String[]::new));
	}

	static String form(String... pairs) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return form.toString();
	}

	static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "v0=" + HexFormat.of()
				.formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
