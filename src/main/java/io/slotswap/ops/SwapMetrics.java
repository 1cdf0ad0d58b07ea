package io.slotswap.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.TransitionsRecorded;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The swap metrics of {@code /actuator/prometheus}: {@code slotswap_swaps_active{state}} (gauges read from
 * the store's kept counts, the same on every replica), and per operation that ended on this replica
 * {@code slotswap_swaps_total{outcome}} and {@code slotswap_swap_duration_seconds{mode,outcome}}
 * (sum them across replicas). Counted after the transition committed, so a rolled-back save counts nothing.
 */
@Component
@Profile("!emulator")
class SwapMetrics {

	/** How long one read of the counts serves the gauges: one query per scrape, not one per state. */
	static final Duration COUNTS_FRESH_FOR = Duration.ofSeconds(1);

	private final MeterRegistry registry;

	private final SwapOperationRepository operations;

	/** Nothing read yet: the first gauge reads. */
	private volatile Counts counts = null;

	/** {@code byState} null: the store could not be read (and had not been before). */
	private record Counts(Map<String, Long> byState, long readAtNanos) {
	}

	SwapMetrics(MeterRegistry registry, SwapOperationRepository operations) {
		this.registry = registry;
		this.operations = operations;
		for (SwapState state : SwapState.values()) {
			if (state.isTerminal()) {
				continue;
			}
			Gauge.builder("slotswap.swaps.active", () -> activeIn(state))
				.description("Operations not yet in a terminal state, by state (sum them for all)")
				.tag("state", state.name())
				.register(registry);
		}
	}

	/**
	 * One read of the counts serves every state's gauge for {@link #COUNTS_FRESH_FOR}; a failed read
	 * is not repeated by each gauge of the same scrape (the last counts stay, or NaN before any).
	 */
	private double activeIn(SwapState state) {
		Counts current = counts;
		long now = System.nanoTime();
		if (current == null || now - current.readAtNanos() > COUNTS_FRESH_FOR.toNanos()) {
			Map<String, Long> byState;
			try {
				byState = new HashMap<>();
				for (SwapOperationRepository.StateCount count : operations.countByState()) {
					byState.put(count.getState(), count.getCount());
				}
			}
			catch (RuntimeException e) {
				byState = current == null ? null : current.byState();
			}
			current = new Counts(byState, now);
			counts = current;
		}
		if (current.byState() == null) {
			return Double.NaN;
		}
		return current.byState().getOrDefault(state.name(), 0L);
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
			DistributionSummary.builder("slotswap.swap.arm.requests")
				.description("Resource Manager requests one operation made, every attempt, from the API's lookups to "
						+ "its end, by mode and outcome")
				.tag("mode", operation.getMode().name())
				.tag("outcome", outcome)
				.register(registry)
				.record(operation.getArmRequests());
		}
	}
}
