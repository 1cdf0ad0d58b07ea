package io.slotswap.chatops;

import java.util.List;
import java.util.Set;

import io.slotswap.security.Role;
import io.slotswap.swap.Actor;
import io.slotswap.swap.Channel;

/**
 * Who sent a command or clicked a button: the principal and roles configured for the Slack user, or
 * for a user nobody configured {@code slack:<user name>} with read access only.
 */
record SlackCaller(String principal, Set<Role> roles) {

	static SlackCaller of(SlackProperties properties, String userId, String userName) {
		for (SlackProperties.User user : properties.users()) {
			if (user.id().equals(userId)) {
				return new SlackCaller(user.principal(), Set.copyOf(user.roles()));
			}
		}
		String name = userName == null || userName.isBlank() ? userId : userName;
		return new SlackCaller("slack:" + name, Set.of());
	}

	Actor actor() {
		return new Actor(principal, Channel.SLACK);
	}

	boolean mayAny(List<Role> allowed) {
		return roles.stream().anyMatch(allowed::contains);
	}
}
