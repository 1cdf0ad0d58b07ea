package io.slotswap.swap;

import java.util.List;

/**
 * Published inside the transaction that saved an operation's new transitions, so that a listener
 * writes what must follow them (webhook and Slack notifications: an outbox) in that same transaction.
 * A listener must not fail: it would roll the transitions back.
 */
public record TransitionsRecorded(SwapOperation operation, List<SwapEvent> transitions) {
}
