package io.slotswap.emulator;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Drops the connection of the current request without any HTTP answer: no status line, the
 * client sees the connection closed (what a lost answer looks like from outside). The servlet API
 * cannot do it; the server's part ({@link ConnectionDropValve} on Tomcat) leaves a hook in
 * {@link #ATTRIBUTE} of each ARM request.
 */
final class ConnectionDrop {

	/** Request attribute holding a {@link Runnable} that closes the connection at once. */
	static final String ATTRIBUTE = ConnectionDrop.class.getName();

	private ConnectionDrop() {
	}

	/**
	 * Closes the connection now; whatever the handler writes afterwards is discarded. False when
	 * the server offers no way to (not Tomcat): the caller's answer then goes out as usual.
	 */
	static boolean now(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Runnable drop) {
			drop.run();
			return true;
		}
		return false;
	}
}
