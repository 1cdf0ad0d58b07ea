package io.slotswap.swap;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes an exception for a log line by its types only (outermost first): messages and stack
 * traces can carry SQL, URLs with tokens or setting values, so they never reach the logs.
 */
public final class Failures {

	private Failures() {
	}

	public static String describe(Throwable error) {
		List<String> types = new ArrayList<>();
		for (Throwable t = error; t != null && types.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
			types.add(t.getClass().getName());
		}
		return String.join(" <- ", types);
	}
}
