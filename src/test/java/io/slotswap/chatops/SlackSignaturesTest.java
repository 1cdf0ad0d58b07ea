package io.slotswap.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SlackSignaturesTest {

	static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	final SlackSignatures signatures = new SlackSignatures("secret", Clock.fixed(NOW, ZoneOffset.UTC));

	static String sign(String secret, long timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aRequestSignedWithTheSecretNowIsSlacksOnce() throws Exception {
		long ts = NOW.getEpochSecond();
		String body = "text=help&user_id=U1";

		assertThat(signatures.verify(Long.toString(ts), sign("secret", ts, body), body.getBytes(StandardCharsets.UTF_8)))
			.isTrue();
		assertThat(signatures.verify(Long.toString(ts), sign("secret", ts, body), body.getBytes(StandardCharsets.UTF_8)))
			.as("the same request again").isFalse();
	}

	@Test
	void aWrongSecretAnotherBodyOrAnOldTimestampIsNot() throws Exception {
		long ts = NOW.getEpochSecond();
		String body = "text=help";
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

		assertThat(signatures.verify(Long.toString(ts), sign("other", ts, body), bytes)).isFalse();
		assertThat(signatures.verify(Long.toString(ts), sign("secret", ts, body), "text=swap".getBytes())).isFalse();
		long old = ts - 301;
		assertThat(signatures.verify(Long.toString(old), sign("secret", old, body), bytes)).isFalse();
		long future = ts + 3600;
		assertThat(signatures.verify(Long.toString(future), sign("secret", future, body), bytes))
			.as("an hour ahead").isFalse();
		assertThat(signatures.verify(null, sign("secret", ts, body), bytes)).isFalse();
		assertThat(new SlackSignatures(null, Clock.fixed(NOW, ZoneOffset.UTC))
			.verify(Long.toString(ts), sign("secret", ts, body), bytes)).as("Slack off").isFalse();
		assertThat(signatures.verify("12ab", "v0=00", bytes)).isFalse();
	}
}
