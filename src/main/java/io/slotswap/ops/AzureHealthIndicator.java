package io.slotswap.ops;

import io.slotswap.azure.AppServiceGateway;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code azure}: whether Resource Manager answers (cached by the gateway). Not part of readiness:
 * an Azure outage does not take replicas out of service.
 */
@Component("azure")
class AzureHealthIndicator implements HealthIndicator {

	private final AppServiceGateway gateway;

	AzureHealthIndicator(AppServiceGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public Health health() {
		return gateway.reachable() ? Health.up().build()
				: Health.down().withDetail("reason", "Resource Manager cannot be reached").build();
	}
}
