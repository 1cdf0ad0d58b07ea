package io.slotswap.chatops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SlackCommandTest {

	@Test
	void aSwapCommandReadsItsSiteSlotOptionsAndReason() {
		assertThat(SlackCommand.parse("swap rg-pay/pay-api staging --target=qa --preview Release 2.0 today"))
			.isEqualTo(new SlackCommand.Swap("rg-pay", "pay-api", "staging", "qa", true, "Release 2.0 today"));
		assertThat(SlackCommand.parse("  SWAP rg/site staging  "))
			.isEqualTo(new SlackCommand.Swap("rg", "site", "staging", null, false, null));
	}

	@Test
	void decisionsAndStatusTakeAnIdOrASite() {
		UUID id = UUID.randomUUID();
		assertThat(SlackCommand.parse("approve " + id)).isEqualTo(new SlackCommand.Act("approve", id));
		assertThat(SlackCommand.parse("status " + id)).isEqualTo(new SlackCommand.StatusOf(id));
		assertThat(SlackCommand.parse("status rg/site")).isEqualTo(new SlackCommand.StatusOfSite("rg", "site"));
	}

	@Test
	void anythingElseIsHelpThatSaysWhy() {
		for (String text : List.of("", "dance", "swap rg-only staging", "approve 1-1-1-1-1", "swap rg/site staging --force",
				"reject", "status a/b/c")) {
			assertThat(SlackCommand.parse(text)).as(text).isInstanceOf(SlackCommand.Help.class);
		}
		assertThat(((SlackCommand.Help) SlackCommand.parse("dance")).why()).contains("dance");
	}

	@Test
	void repliesGoOnlyToAllowedResponseUrls() {
		SlackProperties slack = new SlackProperties("s", null, "https://slack.com/api/",
				List.of("https://hooks.slack.com/"), List.of());

		assertThat(slack.allowsResponseUrl("https://hooks.slack.com/commands/T1/2/3")).isTrue();
		assertThat(slack.allowsResponseUrl("https://hooks.slack.com.evil.example/x")).isFalse();
		assertThat(slack.allowsResponseUrl("http://169.254.169.254/latest/meta-data")).isFalse();
		assertThat(slack.allowsResponseUrl(null)).isFalse();
		SlackProperties local = new SlackProperties("s", null, "https://slack.com/api/", List.of("http://localhost:"),
				List.of());
		assertThat(local.allowsResponseUrl("http://localhost:8080/x")).isTrue();
		assertThat(local.allowsResponseUrl("http://localhost:80@attacker.example/")).as("user-info names elsewhere")
			.isFalse();
	}
}
