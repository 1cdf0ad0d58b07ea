package io.slotswap.chatops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The text of a slash command, parsed:
 * {@code swap <resourceGroup>/<site> <sourceSlot> [--target=<slot>] [--preview] [reason…]},
 * {@code status <id | resourceGroup/site>}, {@code approve|reject|cancel|rollback <id>}, {@code help}.
 */
sealed interface SlackCommand {

	String USAGE = """
			`swap <resourceGroup>/<site> <sourceSlot> [--target=<slot>] [--preview] [reason…]`
			`status <id | resourceGroup/site>`
			`approve <id>`  `reject <id>`  `cancel <id>`  `rollback <id>`
			`help`""";

	record Swap(String resourceGroup, String site, String sourceSlot, String targetSlot, boolean preview,
			String reason) implements SlackCommand {
	}

	record StatusOf(UUID id) implements SlackCommand {
	}

	record StatusOfSite(String resourceGroup, String site) implements SlackCommand {
	}

	/** approve, reject, cancel or rollback. */
	record Act(String verb, UUID id) implements SlackCommand {
	}

	record Help(String why) implements SlackCommand {
	}

	static SlackCommand parse(String text) {
		List<String> words = text == null ? List.of()
				: new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
		words.removeIf(String::isEmpty);
		if (words.isEmpty()) {
			return new Help(null);
		}
		String verb = words.remove(0).toLowerCase(Locale.ROOT);
		return switch (verb) {
			case "help" -> new Help(null);
			case "swap" -> swap(words);
			case "status" -> words.size() != 1 ? new Help("`status` takes an id or resourceGroup/site")
					: words.get(0).contains("/") ? siteStatus(words.get(0)) : idOr(words.get(0), StatusOf::new);
			case "approve", "reject", "cancel", "rollback" -> words.size() != 1
					? new Help("`" + verb + "` takes one operation id") : idOr(words.get(0), id -> new Act(verb, id));
			default -> new Help("unknown command `" + verb + "`");
		};
	}

	private static SlackCommand swap(List<String> words) {
		if (words.size() < 2 || !words.get(0).contains("/")) {
			return new Help("`swap` takes resourceGroup/site and a source slot");
		}
		String[] site = words.get(0).split("/", -1);
		if (site.length != 2 || site[0].isEmpty() || site[1].isEmpty()) {
			return new Help("`swap` takes resourceGroup/site");
		}
		String source = words.get(1);
		String target = null;
		boolean preview = false;
		int i = 2;
		for (; i < words.size() && words.get(i).startsWith("--"); i++) {
			String option = words.get(i);
			if (option.equalsIgnoreCase("--preview")) {
				preview = true;
			}
			else if (option.regionMatches(true, 0, "--target=", 0, 9) && option.length() > 9) {
				target = option.substring(9);
			}
			else {
				return new Help("unknown option `" + option + "`");
			}
		}
		String reason = i < words.size() ? String.join(" ", words.subList(i, words.size())) : null;
		return new Swap(site[0], site[1], source, target, preview, reason);
	}

	private static SlackCommand siteStatus(String word) {
		String[] site = word.split("/", -1);
		return site.length == 2 && !site[0].isEmpty() && !site[1].isEmpty() ? new StatusOfSite(site[0], site[1])
				: new Help("`status` takes an id or resourceGroup/site");
	}

	private static SlackCommand idOr(String word, java.util.function.Function<UUID, SlackCommand> command) {
		if (!word.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
			return new Help("`" + word + "` is not an operation id");
		}
		return command.apply(UUID.fromString(word));
	}
}
