package io.slotswap.ops;

import io.slotswap.swap.SwapEvent;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.TransitionsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One log line per committed transition, whichever replica, step or request made it: the log tells
 * an operation's story even where the API is not at hand. Each line carries {@code operationId}
 * (MDC), so JSON logs can be filtered by operation; text that callers wrote (a reason) is kept to
 * one line.
 */
@Component
@Profile("!emulator")
class TransitionLog {

	private static final Logger log = LoggerFactory.getLogger(TransitionLog.class);

	@TransactionalEventListener
	void transitionsCommitted(TransitionsRecorded recorded) {
		SwapOperation operation = recorded.operation();
		// a step's thread names its operation already: leave that in place for the rest of the step
		String before = MDC.get(SwapOperation.LOG_KEY);
		MDC.put(SwapOperation.LOG_KEY, operation.getId().toString());
		try {
			for (SwapEvent transition : recorded.transitions()) {
				log.info("Swap {} of {}/{}: {} -> {} by {} ({}): {}", operation.getId(), operation.getResourceGroup(),
						operation.getSite(), transition.getFromState() == null ? "new" : transition.getFromState(),
						transition.getToState(), oneLine(transition.getActor()),
						transition.getChannel().name().toLowerCase(java.util.Locale.ROOT),
						oneLine(transition.getMessage()));
			}
		}
		finally {
			if (before == null) {
				MDC.remove(SwapOperation.LOG_KEY);
			}
			else {
				MDC.put(SwapOperation.LOG_KEY, before);
			}
		}
	}

	/** No line breaks or other control characters: a caller's text cannot forge a log line. */
	static String oneLine(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder clean = new StringBuilder(Math.min(text.length(), 600));
		for (int i = 0; i < text.length() && clean.length() < 600; i++) {
			char c = text.charAt(i);
			clean.append(Character.isISOControl(c) ? ' ' : c);
		}
		return clean.toString();
	}
}
