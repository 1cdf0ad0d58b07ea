package io.slotswap.emulator;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's side of {@link ConnectionDrop}, an engine valve (the outermost): gives each ARM request
 * a hook that suspends the response (whatever the handler writes stays in Tomcat's buffer, nothing
 * is committed, not even the status line) and tells the connector to close the connection
 * ({@link ActionCode#CLOSE_NOW}). Once the request went through the host's valves, the response is
 * suspended again (the error report valve resumes every uncommitted response), so that Tomcat
 * closes the socket without having written a byte.
 */
final class ConnectionDropValve extends ValveBase {

	ConnectionDropValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		String uri = request.getRequestURI();
		if (uri == null || !uri.startsWith(request.getContextPath() + ArmController.BASE)) {
			// not the emulator's Resource Manager (or a request Tomcat could not even parse)
			getNext().invoke(request, response);
			return;
		}
		AtomicBoolean dropped = new AtomicBoolean();
		request.setAttribute(ConnectionDrop.ATTRIBUTE, (Runnable) () -> {
			dropped.set(true);
			drop(response);
		});
		getNext().invoke(request, response);
		if (dropped.get()) {
			drop(response);
		}
	}

	private static void drop(Response response) {
		response.setSuspended(true);
		response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
	}
}
