package io.slotswap.chatops;

import java.util.List;
import java.util.Locale;

import io.slotswap.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.chatops.slack.*}.
 *
 * @param signingSecret the Slack app's signing secret; without it the Slack endpoints answer 404
 * @param botToken the bot token for {@code chat.postMessage} (approval messages); without it none are posted
 * @param apiUrl the Web API's base URL (tests point it at a local stub)
 * @param allowedResponseUrls prefixes a {@code response_url} must start with before slotswap posts to it
 * @param users Slack users and the principal and roles they act as; anyone else may only read
 */
@ConfigurationProperties("slotswap.chatops.slack")
public record SlackProperties(String signingSecret, String botToken,
		@DefaultValue("https://slack.com/api/") String apiUrl,
		@DefaultValue("https://hooks.slack.com/") List<String> allowedResponseUrls, List<User> users) {

	public SlackProperties {
		allowedResponseUrls = allowedResponseUrls == null ? List.of() : List.copyOf(allowedResponseUrls);
		users = users == null ? List.of() : List.copyOf(users);
	}

	/**
	 * @param id the Slack user id ({@code U…})
	 * @param principal the name the audit shows
	 * @param roles what the user may do
	 */
	public record User(String id, String principal, List<Role> roles) {

		public User {
			roles = roles == null ? List.of(Role.VIEWER) : List.copyOf(roles);
		}
	}

	boolean configured() {
		return signingSecret != null && !signingSecret.isBlank();
	}

	/** Whether slotswap may post to {@code url} (a Slack {@code response_url}). */
	boolean allowsResponseUrl(String url) {
		if (!io.slotswap.security.OutboundUrls.plain(url)) {
			return false;
		}
		String lower = url.toLowerCase(Locale.ROOT);
		return allowedResponseUrls.stream().anyMatch(prefix -> lower.startsWith(prefix.toLowerCase(Locale.ROOT)));
	}
}
