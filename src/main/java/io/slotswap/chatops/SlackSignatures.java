package io.slotswap.chatops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.slack.api.app_backend.SlackSignature;

/**
 * Slack's request signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} with
 * the signing secret, the timestamp within 5 minutes. The SDK computes the signature and judges the
 * timestamp; the comparison is ours, in constant time (the SDK's verifier compares strings). A
 * signature seen once is refused within its 5 minutes: a captured request cannot be replayed.
 */
final class SlackSignatures {

	static final Duration WINDOW = Duration.ofMinutes(5);

	private final SlackSignature.Generator generator;

	private final Clock clock;

	private final Map<String, Long> seen = new ConcurrentHashMap<>();

	/** @param signingSecret null: Slack is off, and its endpoints answer 404 */
	SlackSignatures(String signingSecret, Clock clock) {
		this.generator = signingSecret == null ? null : new SlackSignature.Generator(signingSecret);
		this.clock = clock;
	}

	boolean enabled() {
		return generator != null;
	}

	/** Whether the request is Slack's, signed now, and not seen before. */
	boolean verify(String timestamp, String signature, byte[] body) {
		if (generator == null || timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
			return false;
		}
		long now = clock.instant().toEpochMilli(); // not clock.millis(): a sub-millisecond tick clock divides by zero there
		// the SDK's check lets any future timestamp through: "within 5 minutes" is both ways
		if (!SlackSignature.TimestampVerifier.isValidTimestamp(timestamp, now)
				|| Math.abs(now - Long.parseLong(timestamp) * 1000) > WINDOW.toMillis()) {
			return false;
		}
		String expected = generator.generate(timestamp, new String(body, StandardCharsets.UTF_8));
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				signature.getBytes(StandardCharsets.UTF_8))) {
			return false;
		}
		forgetOld(now);
		return seen.putIfAbsent(signature, now) == null;
	}

	private void forgetOld(long now) {
		for (Iterator<Long> at = seen.values().iterator(); at.hasNext();) {
			if (now - at.next() > WINDOW.toMillis() * 2) {
				at.remove();
			}
		}
	}
}
