package io.slotswap.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.slack.api.Slack;
import io.micrometer.core.instrument.MeterRegistry;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.slotswap.chatops.SlackProperties;
import io.slotswap.swap.SwapOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what {@link Outbox} wrote, at least once, from any replica: every second it claims due rows
 * one by one (a conditional update with a lease, so two replicas never send the same row at the same
 * time), sends, and records the outcome only while its lease is the row's (a replica whose lease
 * ran out records nothing: the row's new owner does). A failure is tried again with backoff (1 s, 2 s, 4 s … 10 min)
 * until {@code give-up-after}; receivers deduplicate by {@code X-Slotswap-Delivery}.
 */
@Component
@Profile("!emulator")
class Deliveries {

	static final Duration LEASE = Duration.ofSeconds(30);

	static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	static final int BATCH = 20;

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final JdbcTemplate jdbc;

	private final NotifyProperties properties;

	private final SlackProperties slackProperties;

	private final Slack slack;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http;

	private final MeterRegistry meters;

	Deliveries(JdbcTemplate jdbc, NotifyProperties properties, SlackProperties slackProperties, Slack slack,
			JsonMapper json, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.jdbc = jdbc;
		this.properties = properties;
		this.slackProperties = slackProperties;
		this.slack = slack;
		this.json = json;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private record Due(UUID id, String kind, String target, String payload, int attempts, Instant createdAt,
			UUID operationId) {
	}

	@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
	void deliverDueQuietly() {
		try {
			deliverDue();
		}
		catch (RuntimeException e) {
			log.warn("Could not look for notifications to deliver ({}); trying again shortly", e.getClass().getSimpleName());
		}
	}

	/** Delivers what is due now; returns how many were sent successfully. */
	int deliverDue() {
		Instant now = clock.instant();
		List<Due> due = jdbc.query("""
				select id, kind, target, payload, attempts, created_at, operation_id from notification
				where delivered_at is null and abandoned_at is null and next_attempt_at <= ?
				  and (lease_until is null or lease_until < ?)
				order by next_attempt_at fetch first %d rows only""".formatted(BATCH),
				(row, i) -> new Due(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
						row.getInt(5), row.getTimestamp(6).toInstant(), row.getObject(7, UUID.class)),
				Timestamp.from(now), Timestamp.from(now));
		int sent = 0;
		for (Due notification : due) {
			// each claim on the clock of its own moment: a slow receiver earlier in the batch must not
			// leave this row with a lease that has already run out
			Timestamp lease = Timestamp.from(clock.instant().plus(LEASE));
			if (claim(notification.id(), lease)) {
				try (MDC.MDCCloseable named = MDC.putCloseable(SwapOperation.LOG_KEY, notification.operationId().toString())) {
					sent += deliver(notification, lease) ? 1 : 0;
				}
			}
		}
		return sent;
	}

	private boolean claim(UUID id, Timestamp lease) {
		return jdbc.update("""
				update notification set lease_until = ?, attempts = attempts + 1
				where id = ? and delivered_at is null and (lease_until is null or lease_until < ?)""", lease, id,
				Timestamp.from(clock.instant())) == 1;
	}

	private boolean deliver(Due notification, Timestamp lease) {
		String failure;
		try {
			failure = Outbox.WEBHOOK.equals(notification.kind()) ? sendWebhook(notification) : postToSlack(notification);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			failure = "interrupted";
		}
		catch (Exception e) {
			failure = e.getClass().getSimpleName();
		}
		Instant now = clock.instant();
		meters.counter("slotswap.notifications", "kind", notification.kind().toLowerCase(java.util.Locale.ROOT),
				"outcome", failure == null ? "delivered" : "failed").increment();
		if (failure == null) {
			jdbc.update("update notification set delivered_at = ?, lease_until = null, last_error = null "
					+ "where id = ? and lease_until = ?", Timestamp.from(now), notification.id(), lease);
			return true;
		}
		int attempt = notification.attempts() + 1;
		if (now.isAfter(notification.createdAt().plus(properties.giveUpAfter()))) {
			jdbc.update("update notification set abandoned_at = ?, lease_until = null, last_error = ? "
					+ "where id = ? and lease_until = ?", Timestamp.from(now), failure, notification.id(), lease);
			log.warn("Gave up a {} notification {} after {} attempts ({})", notification.kind(), notification.id(),
					attempt, failure);
			return false;
		}
		long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempt - 1, 20));
		jdbc.update("update notification set next_attempt_at = ?, lease_until = null, last_error = ? "
				+ "where id = ? and lease_until = ?", Timestamp.from(now.plusSeconds(seconds)), failure, notification.id(),
				lease);
		log.info("A {} notification failed ({}); attempt {} in {} s", notification.kind(), failure, attempt + 1, seconds);
		return false;
	}

	/** Null when the receiver took it (2xx), else why not. */
	private String sendWebhook(Due notification) throws Exception {
		if (!properties.allows(notification.target())) {
			return "not in allowed-webhook-urls";
		}
		byte[] body = notification.payload().getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(notification.target()))
			.timeout(properties.timeout())
			.header("Content-Type", "application/json")
			.header("X-Slotswap-Delivery", notification.id().toString())
			.header("X-Slotswap-Signature", "sha256=" + sign(body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		return status / 100 == 2 ? null : "HTTP " + status;
	}

	private String sign(byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(properties.webhookSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

	private String postToSlack(Due notification) throws Exception {
		JsonNode message = json.readTree(notification.payload());
		ChatPostMessageResponse posted = slack.methods(slackProperties.botToken())
			.chatPostMessage(request -> request.channel(notification.target())
				.text(message.get("text").asString())
				.blocksAsString(json.writeValueAsString(message.get("blocks"))));
		return posted.isOk() ? null : "Slack: " + posted.getError();
	}
}
