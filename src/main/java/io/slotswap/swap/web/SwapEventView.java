package io.slotswap.swap.web;

import java.time.Instant;

import io.slotswap.swap.Channel;
import io.slotswap.swap.EventType;
import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapState;

/** One history entry as the API shows it. */
record SwapEventView(Instant at, EventType type, SwapState fromState, SwapState toState, String actor,
		Channel channel, String message) {

	static SwapEventView of(SwapEvent event) {
		return new SwapEventView(event.getAt(), event.getType(), event.getFromState(), event.getToState(),
				event.getActor(), event.getChannel(), event.getMessage());
	}
}
