package io.slotswap.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lenient JSON for the emulator: bodies are read as plain maps (whatever an Azure SDK sends is
 * accepted, property names case-insensitively as ARM does) and written as bytes, so neither the
 * application's strict Jackson settings nor content negotiation get in the way.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** The body as an object; an empty body is an empty object. */
	static Map<String, Object> object(byte[] body, java.util.function.Function<String, ArmError> invalid) {
		if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
			return new LinkedHashMap<>();
		}
		Object parsed;
		try {
			parsed = MAPPER.readValue(body, Object.class);
		}
		catch (JacksonException e) {
			throw invalid.apply("The body is not valid JSON: " + e.getOriginalMessage()).exception();
		}
		if (parsed == null) {
			return new LinkedHashMap<>();
		}
		if (!(parsed instanceof Map<?, ?> map)) {
			throw invalid.apply("The body must be a JSON object.").exception();
		}
		Map<String, Object> result = new LinkedHashMap<>();
		map.forEach((k, v) -> result.put(String.valueOf(k), v));
		return result;
	}

	/** A property by name, ignoring case; null when absent. */
	static Object get(Map<String, Object> json, String name) {
		if (json == null) {
			return null;
		}
		if (json.containsKey(name)) {
			return json.get(name);
		}
		return json.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
				.findFirst().orElse(null);
	}

	static boolean has(Map<String, Object> json, String name) {
		return json.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asObject(Object value) {
		return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
	}

	static List<?> asList(Object value) {
		return value instanceof List<?> list ? list : null;
	}

	static byte[] bytes(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	static ResponseEntity<byte[]> response(HttpStatus status, Object body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(bytes(body));
	}

	static ResponseEntity<byte[]> error(ArmError error, HttpHeaders extraHeaders) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON);
		if (extraHeaders != null) {
			builder.headers(extraHeaders);
		}
		if (error.retryAfterSeconds() > 0) {
			builder.header(HttpHeaders.RETRY_AFTER, Integer.toString(error.retryAfterSeconds()));
		}
		return builder.body(bytes(error.envelope()));
	}
}
