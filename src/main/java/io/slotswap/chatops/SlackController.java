package io.slotswap.chatops;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's side of the API: slash commands and button clicks. Both are authenticated by Slack's
 * signature over the raw body, which is why the body is read from the request's own stream (as the
 * body-size filter captured it, before anything parsed it) and parsed here: Spring MVC rebuilds a
 * form post's body from its parameters, which is not the bytes Slack signed. Outside the OpenAPI document: Slack calls these, not people.
 */
@Hidden
@Profile("!emulator")
@RestController
@RequestMapping("/api/v1/chatops/slack")
class SlackController {

	static final String TIMESTAMP = "X-Slack-Request-Timestamp";

	static final String SIGNATURE = "X-Slack-Signature";

	/** Slack's forms are small; the body-size filter's 64 KiB is the bound for the whole API. */
	static final int MAX_BODY = 64 * 1024;

	private final SlackProperties properties;

	private final SlackSignatures signatures;

	private final SlackCommands commands;

	private final SwapService swaps;

	private final SlackReplies replies;

	private final SlackThreads background;

	private final JsonMapper json;

	SlackController(SlackProperties properties, SlackSignatures signatures, SlackCommands commands, SwapService swaps,
			SlackReplies replies, SlackThreads slackThreads, JsonMapper json) {
		this.properties = properties;
		this.signatures = signatures;
		this.commands = commands;
		this.swaps = swaps;
		this.replies = replies;
		this.background = slackThreads;
		this.json = json;
	}

	@PostMapping(path = "/commands", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> command(HttpServletRequest request) throws IOException {
		Map<String, String> form = verifiedForm(request);
		SlackCaller caller = SlackCaller.of(properties, form.get("user_id"), form.get("user_name"));
		return ResponseEntity.ok(commands.run(SlackCommand.parse(form.get("text")), caller, form.get("response_url")));
	}

	/** A click on Approve or Reject of an approval message. */
	@PostMapping(path = "/interactions", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<?> interaction(HttpServletRequest request) throws IOException {
		Map<String, String> form = verifiedForm(request);
		JsonNode payload;
		try {
			payload = json.readTree(form.getOrDefault("payload", "{}"));
		}
		catch (RuntimeException malformed) {
			throw new Refused(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", "payload is not JSON");
		}
		JsonNode action = payload.path("actions").path(0);
		String verb = action.path("action_id").asString("");
		String value = action.path("value").asString("");
		String responseUrl = payload.path("response_url").asString(null);
		if (!(verb.equals("approve") || verb.equals("reject")) || !value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
			return ResponseEntity.ok().build(); // not one of our buttons: nothing to do
		}
		SlackCaller caller = SlackCaller.of(properties, payload.path("user").path("id").asString(null),
				payload.path("user").path("username").asString(null));
		background.execute(() -> decide(verb, UUID.fromString(value), caller, responseUrl));
		return ResponseEntity.ok().build();
	}

	private void decide(String verb, UUID id, SlackCaller caller, String responseUrl) {
		Map<String, Object> update;
		boolean approve = verb.equals("approve");
		if (!caller.mayAny(approve ? SlackCommands.APPROVE : SlackCommands.REJECT)) {
			update = SlackReplies.message(false, "Refused: " + caller.principal() + " may not " + verb + " swaps.");
		}
		else {
			try {
				SwapOperation decided = approve ? swaps.approve(id, caller.actor()) : swaps.reject(id, caller.actor());
				update = SlackReplies.message(true, (approve ? "Approved" : "Rejected") + " by " + caller.principal()
						+ ": " + SlackCommands.describe(decided));
				update.put("replace_original", true);
			}
			catch (RuntimeException refused) {
				update = SlackReplies.message(false, "Refused: " + SlackText.why(refused));
			}
		}
		replies.post(responseUrl, update);
	}

	/** A refusal of a request that is not Slack's, or that slotswap cannot take (a problem). */
	static final class Refused extends RuntimeException {

		final HttpStatus status;

		final String type;

		final String title;

		Refused(HttpStatus status, String type, String title, String detail) {
			super(detail, null, false, false);
			this.status = status;
			this.type = type;
			this.title = title;
		}
	}

	/** The form Slack posted, once its signature over the raw body is verified. */
	private Map<String, String> verifiedForm(HttpServletRequest request) throws IOException {
		if (!signatures.enabled()) {
			throw new Refused(HttpStatus.NOT_FOUND, "not-found", "Not Found", "Slack is not configured");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			throw new Refused(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
					"Slack sends small forms; this body is over " + MAX_BODY / 1024 + " KiB");
		}
		if (!signatures.verify(request.getHeader(TIMESTAMP), request.getHeader(SIGNATURE), body)) {
			throw new Refused(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
					"The request does not carry a valid, recent Slack signature");
		}
		return form(body);
	}

	@ExceptionHandler(Refused.class)
	ResponseEntity<ProblemDetail> refused(Refused refused, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(refused.status, refused.getMessage());
		problem.setType(java.net.URI.create("/problems/" + refused.type));
		problem.setTitle(refused.title);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		return ResponseEntity.status(refused.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static Map<String, String> form(byte[] body) {
		Map<String, String> form = new HashMap<>();
		if (body == null) {
			return form;
		}
		for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			try {
				form.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException malformed) {
				// a bad escape: the field is left out
			}
		}
		return form;
	}
}
