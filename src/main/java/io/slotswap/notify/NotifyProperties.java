package io.slotswap.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slotswap.notify.*}: webhook deliveries.
 *
 * @param webhookSecret the key of each delivery's {@code X-Slotswap-Signature} (HMAC-SHA256 of the raw
 *        body); required as soon as a policy names a webhook
 * @param allowedWebhookUrls prefixes every webhook URL of the policies must start with (slotswap
 *        refuses to start otherwise, and never posts elsewhere)
 * @param giveUpAfter a delivery still failing this long after its transition is abandoned (and logged)
 * @param timeout how long one delivery may take
 */
@ConfigurationProperties("slotswap.notify")
public record NotifyProperties(String webhookSecret, List<String> allowedWebhookUrls,
		@DefaultValue("P1D") Duration giveUpAfter, @DefaultValue("5s") Duration timeout) {

	public NotifyProperties {
		allowedWebhookUrls = allowedWebhookUrls == null ? List.of() : List.copyOf(allowedWebhookUrls);
	}

	boolean allows(String url) {
		if (!io.slotswap.security.OutboundUrls.plain(url)) {
			return false;
		}
		String lower = url.toLowerCase(Locale.ROOT);
		return allowedWebhookUrls.stream().anyMatch(prefix -> lower.startsWith(prefix.toLowerCase(Locale.ROOT)));
	}
}
