package io.slotswap.security;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A URL slotswap may call out to (a webhook, a Slack {@code response_url}) before its allow-list is
 * asked: http(s), a host, no user-info ({@code http://localhost:80@elsewhere/} names elsewhere, and
 * would pass a prefix check), at most {@value #MAX_LENGTH} characters.
 */
public final class OutboundUrls {

	public static final int MAX_LENGTH = 2048;

	private OutboundUrls() {
	}

	public static boolean plain(String url) {
		if (url == null || url.length() > MAX_LENGTH) {
			return false;
		}
		try {
			URI uri = new URI(url);
			return uri.getHost() != null && uri.getRawUserInfo() == null
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
		}
		catch (URISyntaxException e) {
			return false;
		}
	}
}
