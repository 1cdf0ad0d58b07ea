package io.slotswap.chatops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.slotswap.security.Role;
import io.slotswap.swap.SwapMode;
import io.slotswap.swap.SwapOperation;
import io.slotswap.swap.SwapRequest;
import io.slotswap.swap.SwapService;
import io.slotswap.swap.SwapState;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * What a slash command does, as the caller's Slack identity and roles allow. Reads and decisions
 * (approve, reject, cancel, rollback) answer at once; a swap request, which asks Azure whether the
 * site and slots exist, answers "on it" at once and posts the outcome, then the operation's progress,
 * to the command's {@code response_url} from threads of its own.
 */
class SlackCommands {

	private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);

	static final List<Role> REQUEST = List.of(Role.OPERATOR, Role.ADMIN);

	static final List<Role> APPROVE = List.of(Role.APPROVER, Role.ADMIN);

	static final List<Role> REJECT = List.of(Role.APPROVER, Role.OPERATOR, Role.ADMIN);

	/** The states worth a message while an operation requested from Slack moves on. */
	static final Set<SwapState> MILESTONES = Set.of(SwapState.AWAITING_APPROVAL, SwapState.SWAPPING,
			SwapState.ROLLING_BACK);

	/** Slack takes at most 5 messages on one response_url. */
	static final int MAX_REPLIES = 5;

	private final SwapService swaps;

	private final Validator validator;

	private final SlackReplies replies;

	private final SlackThreads background;

	private final Duration progressEvery;

	SlackCommands(SwapService swaps, Validator validator, SlackReplies replies, SlackThreads background,
			Duration progressEvery) {
		this.swaps = swaps;
		this.validator = validator;
		this.replies = replies;
		this.background = background;
		this.progressEvery = progressEvery;
	}

	Map<String, Object> run(SlackCommand command, SlackCaller caller, String responseUrl) {
		try {
			if (command instanceof SlackCommand.Help help) {
				return SlackReplies.message(false,
						(help.why() == null ? "" : "Sorry: " + help.why() + ".\n") + SlackCommand.USAGE);
			}
			if (command instanceof SlackCommand.StatusOf status) {
				return SlackReplies.message(false, describe(swaps.get(status.id())));
			}
			if (command instanceof SlackCommand.StatusOfSite site) {
				return SlackReplies.message(false, latestOf(site));
			}
			if (command instanceof SlackCommand.Act act) {
				return act(act, caller);
			}
			return requestLater((SlackCommand.Swap) command, caller, responseUrl);
		}
		catch (RuntimeException refused) {
			return SlackReplies.message(false, "Refused: " + SlackText.why(refused));
		}
	}

	private Map<String, Object> act(SlackCommand.Act act, SlackCaller caller) {
		List<Role> allowed = switch (act.verb()) {
			case "approve" -> APPROVE;
			case "reject" -> REJECT;
			default -> REQUEST; // cancel, rollback
		};
		if (!caller.mayAny(allowed)) {
			return notAllowed(caller, act.verb());
		}
		SwapOperation done = switch (act.verb()) {
			case "approve" -> swaps.approve(act.id(), caller.actor());
			case "reject" -> swaps.reject(act.id(), caller.actor());
			case "cancel" -> swaps.cancel(act.id(), caller.actor());
			default -> swaps.rollback(act.id(), caller.actor());
		};
		String what = switch (act.verb()) {
			case "approve" -> "approved";
			case "reject" -> "rejected";
			case "cancel" -> "cancelled";
			default -> "rolled back: " + describe(done);
		};
		return SlackReplies.message(true, caller.principal() + " " + what
				+ (act.verb().equals("rollback") ? "" : " " + describe(done)));
	}

	private Map<String, Object> requestLater(SlackCommand.Swap swap, SlackCaller caller, String responseUrl) {
		if (!caller.mayAny(REQUEST)) {
			return notAllowed(caller, "swap");
		}
		SwapRequest request = new SwapRequest(null, swap.resourceGroup(), swap.site(), swap.sourceSlot(),
				swap.targetSlot(), swap.preview() ? SwapMode.PREVIEW : SwapMode.SWAP, null, null, null, swap.reason());
		Set<ConstraintViolation<SwapRequest>> invalid = validator.validate(request);
		if (!invalid.isEmpty()) {
			return SlackReplies.message(false, "Refused: " + invalid.stream()
				.map(v -> v.getPropertyPath() + " " + v.getMessage())
				.sorted()
				.collect(Collectors.joining("; ")));
		}
		background.execute(() -> request(request, caller, responseUrl));
		return SlackReplies.message(true, caller.principal() + " asked to swap " + swap.resourceGroup() + "/"
				+ swap.site() + " " + swap.sourceSlot() + " → " + (swap.targetSlot() == null ? "production" : swap.targetSlot())
				+ (swap.preview() ? " (preview)" : "") + "; checking the site…");
	}

	private void request(SwapRequest request, SlackCaller caller, String responseUrl) {
		SwapOperation accepted;
		try {
			accepted = swaps.request(request, caller.actor(), null).operation();
		}
		catch (RuntimeException refused) {
			replies.post(responseUrl, SlackReplies.message(true, "Swap refused: " + SlackText.why(refused)));
			return;
		}
		replies.post(responseUrl, SlackReplies.message(true, "Swap accepted: " + describe(accepted)));
		follow(accepted.getId(), accepted.getState(), responseUrl, 2);
	}

	/** Posts the operation's milestones and its end, polling the store; never more than Slack takes. */
	private void follow(UUID id, SwapState last, String responseUrl, int sent) {
		background.schedule(() -> {
			try {
				SwapOperation now = swaps.get(id);
				SwapState state = now.getState();
				int count = sent;
				if (state != last && (state.isTerminal() || MILESTONES.contains(state))) {
					replies.post(responseUrl, SlackReplies.message(true, describe(now)));
					count++;
				}
				if (!state.isTerminal() && count < MAX_REPLIES) {
					follow(id, state, responseUrl, count);
				}
			}
			catch (RuntimeException e) {
				log.warn("Stopped following operation {} for Slack ({})", id, e.getClass().getSimpleName());
			}
		}, progressEvery);
	}

	private String latestOf(SlackCommand.StatusOfSite site) {
		var latest = swaps.list(new SwapService.Filter(null, site.resourceGroup(), site.site(), null, null),
				PageRequest.of(0, 3, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
		if (latest.isEmpty()) {
			return "No swaps of " + site.resourceGroup() + "/" + site.site() + " yet.";
		}
		return latest.getContent().stream().map(SlackCommands::describe).collect(Collectors.joining("\n"));
	}

	private static Map<String, Object> notAllowed(SlackCaller caller, String verb) {
		return SlackReplies.message(false, "Refused: " + caller.principal() + " may not " + verb
				+ " from Slack (roles: " + (caller.roles().isEmpty() ? "read only" : caller.roles()) + ").");
	}

	static String describe(SwapOperation op) {
		return "`" + op.getId() + "` " + op.getResourceGroup() + "/" + op.getSite() + " " + op.getSourceSlot() + " → "
				+ op.getTargetSlot() + ": *" + op.getState() + "*"
				+ (op.getError() != null && op.getError().code() != null ? " (" + op.getError().code() + ")" : "")
				+ " — requested by " + op.getRequestedBy();
	}
}
