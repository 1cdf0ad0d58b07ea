package io.slotswap.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * Times every request to Resource Manager, each attempt on its own (the policy runs after the
 * retry policy): {@code slotswap_arm_requests_seconds{operation, status}}. The operation is the
 * request's shape with the names taken out ({@code POST sites/slots/slotsswap}), so the tags stay
 * few however many sites there are; the status is the HTTP status, or {@code IO_ERROR} when no
 * answer came. Each attempt also counts for the operation it was made for ({@link ArmRequests}).
 */
final class ArmCallMetrics implements HttpPipelinePolicy {

	static final String METER = "slotswap.arm.requests";

	private final MeterRegistry registry;

	ArmCallMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public HttpPipelinePosition getPipelinePosition() {
		return HttpPipelinePosition.PER_RETRY;
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		ArmRequests.sent(context);
		long started = System.nanoTime();
		String status = "IO_ERROR";
		try {
			HttpResponse response = next.processSync();
			status = String.valueOf(response.getStatusCode());
			return response;
		}
		finally {
			record(context, status, started);
		}
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		return Mono.defer(() -> {
			// counted as it goes out, so the count is complete when the caller has its answer (the
			// timer below records only after the answer has been handed on)
			ArmRequests.sent(context);
			long started = System.nanoTime();
			String[] status = { "CANCELLED" };
			return next.process()
				.doOnNext(response -> status[0] = String.valueOf(response.getStatusCode()))
				.doOnError(error -> status[0] = "IO_ERROR")
				.doFinally(signal -> record(context, status[0], started));
		});
	}

	private void record(HttpPipelineCallContext context, String status, long started) {
		Timer.builder(METER)
			.description("Requests to Azure Resource Manager, each attempt")
			.tag("operation", operation(context.getHttpRequest().getHttpMethod().name(),
					context.getHttpRequest().getUrl().getPath()))
			.tag("status", status)
			.register(registry)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	/**
	 * The request's shape without its names: {@code POST sites/slots/slotsswap},
	 * {@code GET sites/slots}, {@code GET operationResults}; {@code other} for anything else.
	 */
	static String operation(String method, String path) {
		String[] segments = path.split("/");
		List<String> shape = new ArrayList<>();
		boolean underSite = false;
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i].toLowerCase(Locale.ROOT);
			if (segment.equals("operationresults")) {
				return method + " operationResults";
			}
			if (!underSite) {
				// …/providers/Microsoft.Web/sites/{name}: a resource group called "sites" is not a site
				underSite = segment.equals("sites") && i >= 2 && segments.length > i + 1
						&& segments[i - 2].equalsIgnoreCase("providers") && segments[i - 1].equalsIgnoreCase("Microsoft.Web");
				if (underSite) {
					shape.add("sites");
					i++;
				}
				continue;
			}
			if (segment.equals("slots") && shape.size() == 1 && segments.length > i + 1) {
				shape.add("slots");
				i++;
				continue;
			}
			shape.add(segments[i]);
		}
		if (!underSite || shape.size() > 5) {
			return method + " other";
		}
		return method + " " + String.join("/", shape);
	}
}
