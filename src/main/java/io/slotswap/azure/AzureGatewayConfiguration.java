package io.slotswap.azure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The App Service gateway for the control plane. Not in the {@code emulator} profile, which runs
 * the emulator alone. Nothing talks to Resource Manager at start-up: the SDK client is built on
 * first use, when the built-in emulator's port is known.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!emulator")
class AzureGatewayConfiguration {

	@Bean
	AppServiceGateway appServiceGateway(AzureProperties properties, Environment environment, MeterRegistry registry,
			ObjectProvider<LiveReplicas> replicas) {
		return new AzureSdkAppServiceGateway(AzureClients.fromEnvironment(properties, environment, registry, () -> {
			LiveReplicas live = replicas.getIfAvailable();
			return live == null ? 1 : Math.max(1, live.count());
		}));
	}
}
