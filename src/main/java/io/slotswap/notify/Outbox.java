package io.slotswap.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.slotswap.chatops.SlackProperties;
import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationView;
import io.slotswap.swap.SwapPolicies;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.TransitionsRecorded;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what must follow a transition into the {@code notification} table, in the transition's own
 * transaction: a webhook delivery per URL of the operation's policy, and the Slack approval message
 * when the operation starts awaiting approval and its policy names a channel. {@link Deliveries}
 * sends them afterwards; a transition is never slowed or failed by a receiver.
 */
@Component
@Profile("!emulator")
class Outbox {

	static final String WEBHOOK = "WEBHOOK";

	static final String SLACK = "SLACK";

	private final JdbcTemplate jdbc;

	private final SwapPolicies policies;

	private final SlackProperties slack;

	private final JsonMapper json;

	private final Clock clock;

	Outbox(JdbcTemplate jdbc, SwapPolicies policies, NotifyProperties notify, SlackProperties slack, JsonMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.slack = slack;
		this.json = json;
		this.clock = clock;
		for (SwapPolicies.SitePolicy policy : policies.policies()) {
			for (String url : policy.webhooks()) {
				if (!notify.allows(url)) {
					throw new IllegalStateException("slotswap.policies[].webhooks names a URL outside "
							+ "slotswap.notify.allowed-webhook-urls, with user-info, or over "
							+ io.slotswap.security.OutboundUrls.MAX_LENGTH + " characters; fix it or remove it");
				}
			}
			if (!policy.webhooks().isEmpty() && (notify.webhookSecret() == null || notify.webhookSecret().isBlank())) {
				throw new IllegalStateException("slotswap.policies[].webhooks needs slotswap.notify.webhook-secret "
						+ "(the key that signs each delivery)");
			}
		}
	}

	@EventListener
	void transitionsRecorded(TransitionsRecorded recorded) {
		SwapOperation operation = recorded.operation();
		SwapPolicies.SitePolicy policy = policies.forSwap(operation.siteRef(), operation.getTargetSlot());
		for (SwapEvent transition : recorded.transitions()) {
			for (String url : policy.webhooks()) {
				UUID delivery = UUID.randomUUID();
				insert(delivery, operation, WEBHOOK, url, webhookBody(delivery, operation, transition));
			}
			if (transition.getToState() == SwapState.AWAITING_APPROVAL && policy.slackChannel() != null
					&& slack.botToken() != null) {
				insert(UUID.randomUUID(), operation, SLACK, policy.slackChannel(), approvalMessage(operation));
			}
		}
	}

	private String webhookBody(UUID delivery, SwapOperation operation, SwapEvent event) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", delivery);
		body.put("type", "swap.transition");
		body.put("at", event.getAt());
		body.put("operation", SwapOperationView.of(operation));
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("at", event.getAt());
		view.put("type", event.getType());
		view.put("fromState", event.getFromState());
		view.put("toState", event.getToState());
		view.put("actor", event.getActor());
		view.put("channel", event.getChannel());
		view.put("message", event.getMessage());
		body.put("event", view);
		return json.writeValueAsString(body);
	}

	/** The approval message: what is asked, by whom, with Approve and Reject buttons carrying the id. */
	private String approvalMessage(SwapOperation op) {
		String text = escape(op.getRequestedBy() + " asks to swap " + op.getResourceGroup() + "/" + op.getSite() + " "
				+ op.getSourceSlot() + " → " + op.getTargetSlot() + (op.getReason() == null ? "" : ": " + op.getReason()))
				+ " (`" + op.getId() + "`)";
		List<Object> blocks = List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)),
				Map.of("type", "actions", "elements", List.of(button("Approve", "approve", "primary", op),
						button("Reject", "reject", "danger", op))));
		return json.writeValueAsString(Map.of("text", text, "blocks", blocks));
	}

	/** Slack's mrkdwn control characters, so that a reason cannot mention {@code <!channel>} or fake a link. */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static Map<String, Object> button(String label, String action, String style, SwapOperation op) {
		return Map.of("type", "button", "text", Map.of("type", "plain_text", "text", label), "action_id", action,
				"style", style, "value", op.getId().toString());
	}

	private void insert(UUID id, SwapOperation operation, String kind, String target, String payload) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into notification (id, operation_id, kind, target, payload, created_at, next_attempt_at, attempts)
				values (?, ?, ?, ?, ?, ?, ?, 0)""", id, operation.getId(), kind, target, payload, now, now);
	}
}
