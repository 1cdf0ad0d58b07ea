package io.slotswap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the servlet container refuses before the application, and Spring's own error page: problems
 * like every other error. Sent over a raw socket, byte for byte, since an HTTP client would refuse to
 * send most of these.
 */
class ContainerErrorsIT extends FullStackSupport {

	record Raw(int status, String head, String body) {
	}

	@Test
	void everyRefusalOfTheContainerIsAProblem() throws IOException {
		List<String> requests = List.of("GET /api/v1/swaps/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /api/v1/swaps/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /api/v1/swaps/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /api/v1/swaps?site=% HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-viewer\r\n\r\n",
				"GET /api/v1/swaps HTTP/1.1\r\nHost: x\r\nX-Bad: a\rb\r\n\r\n",
				"POST /api/v1/swaps HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
				"POST /api/v1/swaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
		for (String request : requests) {
			Raw answer = send(request);
			assertThat(answer.status()).as(request).isBetween(400, 501);
			assertThat(answer.head()).as(request).containsIgnoringCase("Content-Type: application/problem+json");
			assertThat(answer.body()).as(request).contains("\"status\":" + answer.status()).doesNotContain("<html");
		}
	}

	@Test
	void anOverlongRequestLineIs414AndOverlongHeadersAre431() throws IOException {
		Raw line = send("GET /api/v1/swaps?x=" + "a".repeat(9 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
		Raw headers = send("GET /api/v1/swaps HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9 * 1024) + "\r\n\r\n");

		assertThat(line.status()).isEqualTo(414);
		assertThat(headers.status()).isEqualTo(431);
		assertThat(line.head() + headers.head()).doesNotContainIgnoringCase("text/html");
	}

	@Test
	void aSuccessfulAnswerIsNeverLabelledAProblem() throws IOException {
		String rg = "rg-accept";
		String id = requestSwap(swapRequest(rg, newSite(rg), ""));

		Raw answer = send("GET /api/v1/swaps/" + id + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-viewer\r\n"
				+ "Accept: application/problem+json\r\n\r\n");

		assertThat(answer.status()).isEqualTo(406);
		assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(answer.body()).doesNotContain("\"id\":\"" + id + "\"");
		assertThat(http.get("/api/v1/swaps/" + id).contentType()).startsWith("application/json");
	}

	@Test
	void theErrorPathItselfAnswersAProblemNotStatus999() {
		Http.Response error = http.get("/error");

		assertThat(error.status()).isEqualTo(404);
		assertThat(error.contentType()).startsWith("application/problem+json");
		assertThat(error.body()).doesNotContain("999");
	}

	@Test
	void traceIs405WithTheMethodsThePathHasAndSoIsAnyOtherMethodItLacks() throws IOException {
		Raw trace = send("TRACE /api/v1/swaps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-viewer\r\n\r\n");

		assertThat(trace.status()).isEqualTo(405);
		assertThat(trace.head()).containsIgnoringCase("Content-Type: application/problem+json");
		String allow = trace.head().lines().filter(l -> l.regionMatches(true, 0, "Allow:", 0, 6)).findFirst().orElse("");
		assertThat(allow).contains("GET").contains("POST").doesNotContain("PUT").doesNotContain("DELETE");
	}

	private Raw send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(readSome(in), StandardCharsets.UTF_8);
			int split = response.indexOf("\r\n\r\n");
			String head = split < 0 ? response : response.substring(0, split);
			String body = split < 0 ? "" : response.substring(split + 4);
			int status = Integer.parseInt(head.substring(9, 12));
			return new Raw(status, head, body);
		}
	}

	private static byte[] readSome(InputStream in) throws IOException {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) > 0) {
				all.write(buffer, 0, n);
				if (all.toString(StandardCharsets.ISO_8859_1).contains("}")) {
					break;
				}
			}
		}
		catch (java.net.SocketTimeoutException enough) {
			// the server keeps the connection open: what came is the answer
		}
		return all.toByteArray();
	}
}
