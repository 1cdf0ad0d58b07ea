package io.slotswap.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Resource Manager error: the HTTP status plus ARM's envelope
 * {@code {"error":{"code","message","target":null,"details":[]}}}.
 *
 * @param retryAfterSeconds value of {@code Retry-After}, 0 = none
 */
record ArmError(int status, String code, String message, int retryAfterSeconds) {

	ArmError(int status, String code, String message) {
		this(status, code, message, 0);
	}

	Map<String, Object> envelope() {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		error.put("target", null);
		error.put("details", List.of());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		return body;
	}

	ArmException exception() {
		return new ArmException(this);
	}
}
