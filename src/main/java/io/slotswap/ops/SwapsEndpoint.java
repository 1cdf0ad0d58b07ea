package io.slotswap.ops;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.SwapOperationView;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/swaps}: the active operations and a count per state; {@code /actuator/swaps/{id}}:
 * one operation. Read-only.
 */
@Component
@Endpoint(id = "swaps")
class SwapsEndpoint {

	private final SwapOperationRepository operations;

	SwapsEndpoint(SwapOperationRepository operations) {
		this.operations = operations;
	}

	record Summary(List<SwapOperationView> active, Map<SwapState, Long> counts) {
	}

	@ReadOperation
	Summary swaps() {
		List<SwapOperationView> active = operations.findByActiveSiteKeyIsNotNullOrderByCreatedAtAsc()
			.stream()
			.map(SwapOperationView::of)
			.toList();
		Map<SwapState, Long> counts = new EnumMap<>(SwapState.class);
		for (SwapState state : SwapState.values()) {
			counts.put(state, 0L);
		}
		operations.countByState().forEach(row -> counts.put(SwapState.valueOf(row.getState()), row.getCount()));
		return new Summary(active, counts);
	}

	@ReadOperation
	SwapOperationView swap(@Selector String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
		return operations.findById(uuid).map(SwapOperationView::of).orElse(null);
	}
}
