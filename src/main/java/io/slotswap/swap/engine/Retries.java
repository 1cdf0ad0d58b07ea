package io.slotswap.swap.engine;

import java.time.Duration;

import io.slotswap.azure.AzureException;
import io.slotswap.swap.Actor;
import io.slotswap.swap.SwapOperation;
import org.springframework.stereotype.Component;

/** Waiting out a transient Azure error: back off (honouring Retry-After) and say so in the history. */
@Component
class Retries {

	private final EngineProperties properties;

	Retries(EngineProperties properties) {
		this.properties = properties;
	}

	void later(Step step, AzureException error, String doing) {
		SwapOperation operation = step.operation();
		int attempt = operation.countAttempt();
		Duration delay = properties.backoff(attempt, error.retryAfter());
		if (attempt == 1 || attempt % 10 == 0) {
			operation.note("Azure did not answer while " + doing + " (" + describe(error) + "); retrying in "
					+ delay.toSeconds() + " s (attempt " + attempt + ")", Actor.ENGINE, step.now());
		}
		operation.runAgainAfter(delay, step.now());
	}

	static String describe(AzureException error) {
		return error.code() == null ? error.kind().name() : error.code() + ": " + error.getMessage();
	}
}
