package io.slotswap.swap.engine;

import java.util.List;

/** One HTTP answer of a slot's host name, or why there was none. */
record ProbeResult(int status, String failure) {

	static ProbeResult answered(int status) {
		return new ProbeResult(status, null);
	}

	static ProbeResult noAnswer(String failure) {
		return new ProbeResult(0, failure);
	}

	boolean matches(List<Integer> expectedStatuses) {
		return failure == null && expectedStatuses.contains(status);
	}

	String describe() {
		return failure == null ? "HTTP " + status : failure;
	}
}
