package io.slotswap.swap.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat refuses before the application sees it (a NUL or an invalid escape in the path, a
 * malformed header or chunk, an unsupported {@code Transfer-Encoding}): a problem like every other
 * error, instead of Tomcat's HTML page. A request whose line could not be read at all is 414 when the
 * line was too long.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	public ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	/** Tomcat's "request header is too large" (the request line counts into the same buffer). */
	static boolean tooLarge(Throwable throwable) {
		for (Throwable t = throwable; t != null; t = t.getCause()) {
			if (t instanceof IllegalArgumentException && t.getMessage() != null
					&& t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("too large")) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = HttpStatus.BAD_REQUEST;
		}
		if (status == HttpStatus.BAD_REQUEST && tooLarge(throwable)) {
			// Tomcat says 400 for both; the request line is missing when it was the line that overflowed
			boolean noLine = request.getRequestURI() == null || request.getRequestURI().isEmpty();
			status = noLine ? HttpStatus.URI_TOO_LONG : HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
			response.setStatus(status.value());
		}
		String instance = request.getRequestURI() == null ? "/" : ProblemHandler.safePath(request.getRequestURI());
		String body = "{\"type\":\"/problems/" + status.name().toLowerCase().replace('_', '-') + "\",\"title\":\""
				+ status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\""
				+ ProblemErrorController.detail(status) + "\",\"instance\":\"" + instance.replace("\\", "\\\\")
					.replace("\"", "\\\"") + "\"}";
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// the client is gone or the response was committed: nothing more to say
		}
	}
}
