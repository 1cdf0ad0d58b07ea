package io.slotswap.chatops;

import io.slotswap.swap.SwapExceptions;

/** Why something was refused, in words fit for a Slack message: the service's own reasons, nothing internal. */
final class SlackText {

	private SlackText() {
	}

	static String why(RuntimeException refused) {
		if (refused instanceof SwapExceptions.OperationNotFound || refused instanceof SwapExceptions.SiteOrSlotNotFound
				|| refused instanceof SwapExceptions.SiteBusy || refused instanceof SwapExceptions.StateConflict
				|| refused instanceof SwapExceptions.Forbidden || refused instanceof SwapExceptions.InvalidRequest
				|| refused instanceof SwapExceptions.AzureUnavailable) {
			return refused.getMessage();
		}
		return "slotswap could not do this just now (" + refused.getClass().getSimpleName() + "); try again";
	}
}
