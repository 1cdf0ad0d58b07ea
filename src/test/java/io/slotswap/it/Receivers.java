package io.slotswap.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * What slotswap calls besides Azure, on one local server for the whole test run: webhook receivers
 * ({@code /hooks/…}) and Slack's Web API ({@code /slack-api/…}). Records every request; a receiver can
 * be told to fail its next requests.
 */
final class Receivers {

	record Received(String path, Map<String, List<String>> headers, String body, int status) {

		String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}
	}

	private static final Receivers INSTANCE = new Receivers();

	final List<Received> received = new CopyOnWriteArrayList<>();

	/** How many of the next webhook requests answer 500. */
	final AtomicInteger failNextHooks = new AtomicInteger();

	private final HttpServer server;

	private Receivers() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			byte[] answer;
			int status = 200;
			if (path.startsWith("/slack-api/")) {
				answer = "{\"ok\":true,\"channel\":\"C0APPROVALS\",\"ts\":\"1700000000.000100\"}"
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
			}
			else {
				answer = new byte[0];
				if (path.startsWith("/hooks/") && failNextHooks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
					status = 500;
				}
			}
			received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, status));
			exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
			if (answer.length > 0) {
				exchange.getResponseBody().write(answer);
			}
			exchange.close();
		});
		server.start();
	}

	static Receivers get() {
		return INSTANCE;
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	List<Received> at(String pathPrefix) {
		return received.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
	}
}
