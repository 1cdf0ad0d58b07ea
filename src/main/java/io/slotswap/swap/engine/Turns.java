package io.slotswap.swap.engine;

import java.time.Clock;

import io.slotswap.swap.EngineProperties;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapOperationRepository;
import io.slotswap.swap.SwapState;
import io.slotswap.swap.TransitionsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With the optional per-subscription cap on, a swap that leaves Azure's hands (done, failed, rolled
 * back) frees a turn: the swaps of its subscription that wait for one are made due at once, and this
 * replica's engine looks for them now (other replicas find them on their next look), instead of each
 * waiting out its own re-check.
 */
@Component
class Turns {

	private static final Logger log = LoggerFactory.getLogger(Turns.class);

	private final SwapOperationRepository operations;

	private final EngineProperties properties;

	private final SwapEngine engine;

	private final TransactionTemplate tx;

	private final Clock clock;

	Turns(SwapOperationRepository operations, EngineProperties properties, SwapEngine engine,
			PlatformTransactionManager transactions, Clock clock) {
		this.operations = operations;
		this.properties = properties;
		this.engine = engine;
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
		// after the commit of the transition, in a transaction of its own
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@TransactionalEventListener
	void transitionsCommitted(TransitionsRecorded recorded) {
		if (properties.maxConcurrentSwapsPerSubscription() <= 0 || recorded.transitions()
			.stream()
			.noneMatch(t -> t.getFromState() != null && t.getFromState().azureSide() && !t.getToState().azureSide())) {
			return;
		}
		SwapOperation ended = recorded.operation();
		try {
			Integer woken = tx.execute(status -> operations.dueNowWaitingForTurn(ended.getSubscriptionId(),
					clock.instant(), SwapState.azureSideStates()));
			if (woken != null && woken > 0) {
				engine.wake();
			}
		}
		catch (RuntimeException e) {
			// they still look again on their own, a little later
			log.debug("Could not wake the swaps waiting for a turn in {} ({})", ended.getSubscriptionId(),
					e.getClass().getSimpleName());
		}
	}
}
