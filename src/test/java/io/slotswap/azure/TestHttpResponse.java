package io.slotswap.azure;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A canned {@link HttpResponse} for unit tests. */
final class TestHttpResponse extends HttpResponse {

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	TestHttpResponse(int status, Map<String, String> headers, String body) {
		super(request());
		this.status = status;
		this.headers = new HttpHeaders();
		headers.forEach((k, v) -> this.headers.set(HttpHeaderName.fromString(k), v));
		this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
	}

	private static HttpRequest request() {
		try {
			return new HttpRequest(HttpMethod.GET, URI.create("http://localhost/emulator/arm/x").toURL());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public int getStatusCode() {
		return status;
	}

	@Override
	@Deprecated
	public String getHeaderValue(String name) {
		return headers.getValue(HttpHeaderName.fromString(name));
	}

	@Override
	public HttpHeaders getHeaders() {
		return headers;
	}

	@Override
	public Flux<ByteBuffer> getBody() {
		return Flux.just(ByteBuffer.wrap(body));
	}

	@Override
	public Mono<byte[]> getBodyAsByteArray() {
		return Mono.just(body);
	}

	@Override
	public Mono<String> getBodyAsString() {
		return Mono.just(new String(body, StandardCharsets.UTF_8));
	}

	@Override
	public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
		return Mono.just(new String(body, charset));
	}
}
