package io.slotswap.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The last policy of the send-once pipeline, after credentials: runs the request's
 * {@code beforeSend} check (see {@link AppServiceGateway#startSwap(SiteRef, String, String, boolean, Runnable)})
 * right before the HTTP client writes the request. A check that throws stops the request there:
 * nothing goes on the wire, and the gateway throws the check's own exception.
 */
final class BeforeSendPolicy implements HttpPipelinePolicy {

	private static final String KEY = "slotswap.before-send";

	static Context context(Runnable beforeSend) {
		return new Context(KEY, beforeSend);
	}

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		Object check = context.getData(KEY).orElse(null);
		if (check instanceof Runnable beforeSend) {
			try {
				beforeSend.run();
			}
			catch (RuntimeException refused) {
				return Mono.error(new Refused(refused));
			}
		}
		return next.process();
	}

	@Override
	public HttpPipelinePosition getPipelinePosition() {
		return HttpPipelinePosition.PER_RETRY; // after the authentication policy
	}

	/** The check's exception, when {@code thrown} is (or wraps) a refusal of this policy; null otherwise. */
	static RuntimeException refusal(Throwable thrown) {
		for (Throwable c = Exceptions.unwrap(thrown); c != null; c = c.getCause()) {
			if (c instanceof Refused refused) {
				return (RuntimeException) refused.getCause();
			}
			if (c.getCause() == c) {
				break;
			}
		}
		return null;
	}

	private static final class Refused extends RuntimeException {

		Refused(RuntimeException cause) {
			super("the swap was not sent: " + cause.getMessage(), cause, false, false);
		}
	}
}
