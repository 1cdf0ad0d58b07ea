package io.slotswap.ops;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.TransitionsRecorded;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The swap metrics of {@code /actuator/prometheus}: {@code slotswap_swaps_active} (a gauge read from the
 * store, the same on every replica), and per operation that ended on this replica
 * {@code slotswap_swaps_total{outcome}} and {@code slotswap_swap_duration_seconds{mode,outcome}}
 * (sum them across replicas). Counted after the transition committed, so a rolled-back save counts nothing.
 */
@Component
@Profile("!emulator")
class SwapMetrics {

	private final MeterRegistry registry;

	SwapMetrics(MeterRegistry registry, SwapOperationRepository operations) {
		this.registry = registry;
		Gauge.builder("slotswap.swaps.active", operations, SwapOperationRepository::countByActiveSiteKeyIsNotNull)
			.description("Operations not yet in a terminal state")
			.register(registry);
	}

	@TransactionalEventListener
	void transitionsCommitted(TransitionsRecorded recorded) {
		SwapOperation operation = recorded.operation();
		for (SwapEvent transition : recorded.transitions()) {
			if (!transition.getToState().isTerminal()) {
				continue;
			}
			String outcome = transition.getToState().name();
			Counter.builder("slotswap.swaps")
				.description("Operations that ended, by outcome")
				.tag("outcome", outcome)
				.register(registry)
				.increment();
			Timer.builder("slotswap.swap.duration")
				.description("From request to end, by mode and outcome")
				.tag("mode", operation.getMode().name())
				.tag("outcome", outcome)
				.register(registry)
				.record(Duration.between(operation.getCreatedAt(), transition.getAt()));
		}
	}
}
