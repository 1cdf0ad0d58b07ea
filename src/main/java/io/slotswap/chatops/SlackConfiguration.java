package io.slotswap.chatops;

import java.time.Clock;
import java.time.Duration;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.slotswap.security.LocalMachine;
import io.slotswap.swap.SwapService;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

/** The Slack side: commands, button clicks and replies, on a few threads of their own. */
@Configuration(proxyBeanMethods = false)
@Profile("!emulator")
class SlackConfiguration {

	@Bean
	SlackThreads slackThreads() {
		return new SlackThreads(2);
	}

	@Bean
	Slack slack(SlackProperties properties) {
		SlackConfig config = new SlackConfig();
		config.setMethodsEndpointUrlPrefix(properties.apiUrl());
		config.setPrettyResponseLoggingEnabled(false);
		// the SDK's own call statistics feed the rate limiter of its async clients, which slotswap does not
		// use; each statistics store runs a thread of its own (a dozen of them)
		config.setStatsEnabled(false);
		return Slack.getInstance(config);
	}

	/** The signing secret the {@code local} profile documents: it signs nothing outside a developer's machine. */
	static final String DEV_SIGNING_SECRET = "dev-slack-signing-secret";

	@Bean
	SlackSignatures slackSignatures(SlackProperties properties, Clock clock, Environment environment) {
		boolean enabled = properties.configured();
		if (enabled && DEV_SIGNING_SECRET.equals(properties.signingSecret()) && !LocalMachine.only(environment)) {
			LoggerFactory.getLogger(SlackConfiguration.class)
				.warn("Slack is off: the demo signing secret is for the local profile on a loopback address only");
			enabled = false;
		}
		return new SlackSignatures(enabled ? properties.signingSecret() : null, clock);
	}

	@Bean
	SlackReplies slackReplies(SlackProperties properties, Slack slack, JsonMapper json) {
		return new SlackReplies(properties, slack, json);
	}

	@Bean
	SlackCommands slackCommands(SwapService swaps, Validator validator, SlackReplies replies,
			SlackThreads slackThreads) {
		return new SlackCommands(swaps, validator, replies, slackThreads, Duration.ofSeconds(2));
	}
}
