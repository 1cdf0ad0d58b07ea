package io.slotswap.swap.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.slotswap.azure.AppServiceGateway;
import io.slotswap.swap.EngineProperties;
import org.springframework.stereotype.Component;

/**
 * Probes a slot's own host name (warm-up, verification). Redirects are not followed: a probe
 * goes to the slot's host name and nowhere else.
 */
@Component
class Prober {

	private final AppServiceGateway gateway;

	private final Duration timeout;

	private final HttpClient http;

	Prober(AppServiceGateway gateway, EngineProperties properties) {
		this.gateway = gateway;
		this.timeout = properties.probeTimeout();
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	ProbeResult probe(String hostName, String path) {
		URI uri = gateway.probeUri(hostName, path);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("User-Agent", "slotswap-probe")
			.GET()
			.build();
		try {
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			return ProbeResult.answered(response.statusCode());
		}
		catch (HttpTimeoutException e) {
			return ProbeResult.noAnswer("no answer within " + timeout.toSeconds() + " s");
		}
		catch (IOException e) {
			return ProbeResult.noAnswer("connection failed (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return ProbeResult.noAnswer("interrupted");
		}
	}
}
