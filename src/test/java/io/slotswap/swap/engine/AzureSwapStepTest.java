package io.slotswap.swap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.slotswap.azure.AzureException;
import org.junit.jupiter.api.Test;

class AzureSwapStepTest {

	@Test
	void azuresPleaseRetryAndInternalErrorsAreTransientSwapFailures() {
		assertThat(AzureSwapStep.isTransientFailure("BadRequest",
				"The allocation of VM instances changed during the swap operation. Please retry the operation."))
			.isTrue();
		assertThat(AzureSwapStep.isTransientFailure("InternalServerError", "boom")).isTrue();
		assertThat(AzureSwapStep.isTransientFailure("TooManyRequests", null)).isTrue();
	}

	@Test
	void aWarmUpThatAzureGaveUpOnIsAFinalSwapFailure() {
		assertThat(AzureSwapStep.isTransientFailure("ExpectationFailed",
				"Cannot swap site slots because the 'staging' slot did not respond to http ping.")).isFalse();
		assertThat(AzureSwapStep.isTransientFailure(null, null)).isFalse();
	}

	@Test
	void onlyAzuresBusyConflictMeansWaitOtherConflictsAreRefusals() {
		AzureException busy = new AzureException(AzureException.Kind.BUSY, "Conflict", "in progress", null, null);
		AzureException prepared = new AzureException(AzureException.Kind.BUSY, "SlotPreparedForSwap", "prepared",
				null, null);
		AzureException unavailable = new AzureException(AzureException.Kind.UNAVAILABLE, "ServiceUnavailable", "down",
				Duration.ofSeconds(3), null);

		assertThat(ApplyingConfigStep.refusal(busy)).isFalse();
		assertThat(ApplyingConfigStep.refusal(prepared)).isTrue();
		assertThat(ApplyingConfigStep.refusal(unavailable)).isFalse();
	}

	@Test
	void backOffDoublesUpToItsCapAndHonoursALongerRetryAfter() {
		EngineProperties properties = new EngineProperties(Duration.ofSeconds(1), Duration.ofSeconds(15), 8,
				Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(2),
				Duration.ofSeconds(60), 3, 10);

		assertThat(properties.backoff(1, null)).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.backoff(3, null)).isEqualTo(Duration.ofSeconds(8));
		assertThat(properties.backoff(30, null)).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.backoff(1, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
	}
}
