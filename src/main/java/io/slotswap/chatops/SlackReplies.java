package io.slotswap.chatops;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.slack.api.Slack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Messages to a command's or a click's {@code response_url}: only to URLs the allow-list admits, never
 * on the engine's threads, and a failure is logged, not retried (Slack keeps a response URL 30
 * minutes for 5 messages; the operation's own history is the record).
 */
class SlackReplies {

	private static final Logger log = LoggerFactory.getLogger(SlackReplies.class);

	private final SlackProperties properties;

	private final Slack slack;

	private final JsonMapper json;

	SlackReplies(SlackProperties properties, Slack slack, JsonMapper json) {
		this.properties = properties;
		this.slack = slack;
		this.json = json;
	}

	/** A message in the channel (everyone sees it), or only to the user ({@code inChannel} false). */
	static Map<String, Object> message(boolean inChannel, String text) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("response_type", inChannel ? "in_channel" : "ephemeral");
		message.put("text", text);
		return message;
	}

	void post(String responseUrl, Map<String, Object> message) {
		if (!properties.allowsResponseUrl(responseUrl)) {
			log.warn("Not posting to a response_url outside slotswap.chatops.slack.allowed-response-urls");
			return;
		}
		try {
			Integer status = slack.send(responseUrl, json.writeValueAsString(message)).getCode();
			if (status == null || status / 100 != 2) {
				log.warn("Slack answered HTTP {} to a reply on a response_url", status);
			}
		}
		catch (IOException | RuntimeException e) {
			log.warn("Could not reply on a response_url ({})", e.getClass().getSimpleName());
		}
	}
}
