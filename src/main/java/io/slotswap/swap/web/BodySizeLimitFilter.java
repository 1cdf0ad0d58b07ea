package io.slotswap.swap.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses {@code /api/} bodies over 64 KiB with a 413 problem, whether or not the client sent a
 * Content-Length. Smaller bodies are read once and handed on unchanged.
 * <p>
 * Runs before Spring Security: a caller without a token cannot make the server read a large body,
 * and the raw bytes are captured before anything parses a form body into parameters (Spring
 * Security's bearer-token resolver asks form posts for an {@code access_token} parameter, which
 * would consume the body that Slack's signature covers).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
class BodySizeLimitFilter extends OncePerRequestFilter {

	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	private final JsonMapper json;

	BodySizeLimitFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		// the decoded path, as Spring MVC and Spring Security match it: /%61pi/… is /api/… too
		return !PATHS.getPathWithinApplication(request).startsWith("/api/")
				|| !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			tooLarge(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			tooLarge(request, response);
			return;
		}
		chain.doFilter(new CachedBody(request, body), response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The body is over " + MAX_BODY_BYTES / 1024 + " KiB");
		problem.setType(URI.create("/problems/body-too-large"));
		problem.setTitle("Body too large");
		problem.setInstance(URI.create(ProblemHandler.safePath(request.getRequestURI())));
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType("application/problem+json");
		response.setHeader("Connection", "close");
		json.writeValue(response.getOutputStream(), problem);
	}

	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					try {
						return in.available() == 0;
					}
					catch (IOException e) {
						return true;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
