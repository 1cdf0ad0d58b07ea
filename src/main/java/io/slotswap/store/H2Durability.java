package io.slotswap.store;

import java.util.Locale;

/**
 * Makes an H2 file database durable: every commit reaches the file before it returns.
 * <p>
 * H2 writes commits to its file up to {@code WRITE_DELAY} milliseconds late (500 by default), so a
 * {@code kill -9} right after a transition loses it. With {@code WRITE_DELAY=0} the MVStore has no
 * background writer and each commit writes its chunk itself (the operating system has it when the
 * commit returns; it survives the process, not a power cut). In-memory and remote databases are left
 * alone: the first lose everything anyway, the second are configured on their server.
 */
final class H2Durability {

	static final String SETTING = "WRITE_DELAY";

	static final String DURABLE = SETTING + "=0";

	private static final String PREFIX = "jdbc:h2:";

	/** H2 databases that are not an embedded file: in memory, on a server, read-only, in-memory file systems. */
	private static final String[] NOT_A_FILE = { "mem:", "tcp:", "ssl:", "zip:", "memFS:", "memLZF:" };

	private H2Durability() {
	}

	/**
	 * {@code url} with {@code WRITE_DELAY=0} appended when it is an embedded H2 file database that does
	 * not set it; {@code url} itself otherwise.
	 * @throws UnsafeH2UrlException when the URL sets another write delay
	 */
	static String durable(String url) {
		if (!isEmbeddedFile(url)) {
			return url;
		}
		String[] parts = url.substring(PREFIX.length()).split(";", -1);
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals < 0 || !parts[i].substring(0, equals).trim().equalsIgnoreCase(SETTING)) {
				continue;
			}
			String value = parts[i].substring(equals + 1).trim();
			if (value.equals("0")) {
				return url;
			}
			throw new UnsafeH2UrlException(SETTING + "=" + value);
		}
		return url + (url.endsWith(";") ? "" : ";") + DURABLE;
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
