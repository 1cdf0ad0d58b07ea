package io.slotswap.store;

import java.util.Locale;

/**
 * Makes an H2 file database durable: every commit reaches the file before it returns, and the
 * database closes after the engine has stopped, not before.
 * <p>
 * H2 writes commits to its file up to {@code WRITE_DELAY} milliseconds late (500 by default), so a
 * {@code kill -9} right after a transition loses it. With {@code WRITE_DELAY=0} the MVStore has no
 * background writer and each commit writes its chunk itself (the operating system has it when the
 * commit returns; it survives the process, not a power cut). In-memory and remote databases are left
 * alone: the first lose everything anyway, the second are configured on their server.
 * <p>
 * H2 also closes an embedded database from its own JVM shutdown hook ({@code DB_CLOSE_ON_EXIT}), which
 * runs beside Spring's: on SIGTERM the file would close under steps that are still finishing. With
 * {@code DB_CLOSE_ON_EXIT=FALSE} the database closes when the connection pool does, which Spring does
 * after the engine has stopped. An explicit {@code DB_CLOSE_ON_EXIT} in the URL is kept.
 */
final class H2Durability {

	static final String SETTING = "WRITE_DELAY";

	static final String DURABLE = SETTING + "=0";

	static final String CLOSE_SETTING = "DB_CLOSE_ON_EXIT";

	static final String CLOSED_BY_SPRING = CLOSE_SETTING + "=FALSE";

	private static final String PREFIX = "jdbc:h2:";

	/** H2 databases that are not an embedded file: in memory, on a server, read-only, in-memory file systems. */
	private static final String[] NOT_A_FILE = { "mem:", "tcp:", "ssl:", "zip:", "memFS:", "memLZF:" };

	private H2Durability() {
	}

	/**
	 * {@code url} with {@code WRITE_DELAY=0} and {@code DB_CLOSE_ON_EXIT=FALSE} appended when it is an
	 * embedded H2 file database that does not set them; {@code url} itself otherwise.
	 * @throws UnsafeH2UrlException when the URL sets another write delay
	 */
	static String durable(String url) {
		return durable(url, "spring.datasource.url");
	}

	/** As {@link #durable(String)}, for the URL given as {@code property}. */
	static String durable(String url, String property) {
		if (!isEmbeddedFile(url)) {
			return url;
		}
		String writeDelay = setting(url, SETTING);
		if (writeDelay != null && !writeDelay.equals("0")) {
			throw UnsafeH2UrlException.delaysWrites(property, SETTING + "=" + writeDelay);
		}
		StringBuilder durable = new StringBuilder(url);
		if (writeDelay == null) {
			append(durable, DURABLE);
		}
		if (setting(url, CLOSE_SETTING) == null) {
			append(durable, CLOSED_BY_SPRING);
		}
		return durable.toString();
	}

	/** The value of {@code name} in the URL's settings, null when the URL does not set it. */
	private static String setting(String url, String name) {
		String[] parts = url.substring(PREFIX.length()).split(";", -1);
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals >= 0 && parts[i].substring(0, equals).trim().equalsIgnoreCase(name)) {
				return parts[i].substring(equals + 1).trim();
			}
		}
		return null;
	}

	private static void append(StringBuilder url, String setting) {
		if (url.charAt(url.length() - 1) != ';') {
			url.append(';');
		}
		url.append(setting);
	}

	static boolean isEmbeddedFile(String url) {
		if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return false;
		}
		String database = url.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
		for (String prefix : NOT_A_FILE) {
			if (database.startsWith(prefix.toLowerCase(Locale.ROOT))) {
				return false;
			}
		}
		return true;
	}
}
