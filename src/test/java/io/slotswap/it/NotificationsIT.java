package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Webhooks and Slack approval messages, as receivers see them: one signed delivery per transition and
 * URL, retried until the receiver takes it; an approval message with buttons in the policy's channel.
 */
class NotificationsIT extends FullStackSupport {

	static final String SECRET = "dev-webhook-secret";

	@Test
	void eachTransitionIsDeliveredSignedToEveryWebhookOfThePolicyAndAFailingReceiverGetsItLater() {
		Receivers receivers = Receivers.get();
		receivers.failNextHooks.set(3);
		String rg = "rg-hooks-1";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, ""));
		awaitTerminal(id);

		await().atMost(Duration.ofSeconds(60)).until(() -> deliveredStates(receivers, id, "/hooks/a").size() == 5
				&& deliveredStates(receivers, id, "/hooks/b").size() == 5);

		assertThat(deliveredStates(receivers, id, "/hooks/a")).containsExactlyInAnyOrder("PENDING", "VALIDATING",
				"WARMING_UP", "SWAPPING", "SUCCEEDED");
		for (Receivers.Received delivery : ofOperation(receivers, id)) {
			assertThat(delivery.header("X-Slotswap-Signature")).isEqualTo("sha256=" + hmac(delivery.body()));
			JsonNode body = Http.JSON.readTree(delivery.body());
			assertThat(body.get("type").asString()).isEqualTo("swap.transition");
			assertThat(body.get("id").asString()).isEqualTo(delivery.header("X-Slotswap-Delivery"));
			assertThat(body.at("/operation/id").asString()).isEqualTo(id);
			assertThat(body.at("/event/type").asString()).isEqualTo("TRANSITION");
		}
		long attempts = ofOperation(receivers, id).size();
		assertThat(attempts).as("the failed attempts were tried again").isGreaterThanOrEqualTo(10);
	}

	@Test
	void anOperationAwaitingApprovalIsPostedToThePolicysSlackChannelWithApproveAndRejectButtons() {
		Receivers receivers = Receivers.get();
		String rg = "rg-approval-notify";
		String site = newSite(rg);
		String id = requestSwap(swapRequest(rg, site, "\"reason\":\"release 1.1.0\""));
		awaitState(id, "AWAITING_APPROVAL");

		await().atMost(Duration.ofSeconds(30)).until(() -> receivers.at("/slack-api/chat.postMessage")
			.stream()
			.anyMatch(r -> r.body().contains(id)));

		Receivers.Received posted = receivers.at("/slack-api/chat.postMessage")
			.stream()
			.filter(r -> r.body().contains(id))
			.findFirst()
			.orElseThrow();
		String form = java.net.URLDecoder.decode(posted.body(), StandardCharsets.UTF_8);
		assertThat(form).contains("channel=C0APPROVALS").contains("\"action_id\":\"approve\"")
			.contains("\"action_id\":\"reject\"").contains("release 1.1.0");
		assertThat(posted.header("Authorization")).isEqualTo("Bearer xoxb-test-bot-token");
	}

	private static List<Receivers.Received> ofOperation(Receivers receivers, String id) {
		return receivers.at("/hooks/").stream().filter(r -> r.body().contains(id)).toList();
	}

	private static List<String> deliveredStates(Receivers receivers, String id, String hook) {
		// a failed attempt is recorded too: count each delivery id once, by its last arrival
		return receivers.at(hook)
			.stream()
			.filter(r -> r.body().contains(id))
			.map(r -> Http.JSON.readTree(r.body()))
			.collect(java.util.stream.Collectors.toMap(b -> b.get("id").asString(), b -> b.at("/event/toState").asString(),
					(a, b) -> a))
			.values()
			.stream()
			.toList();
	}

	static String hmac(String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
