package io.slotswap.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Whether slotswap runs as a developer's local setup: the {@code local} profile, listening on a
 * loopback address. Only then do the documented demo credentials (tokens, the Slack signing secret
 * and its users) mean anything.
 */
public final class LocalMachine {

	private LocalMachine() {
	}

	public static boolean only(Environment environment) {
		return environment.acceptsProfiles(Profiles.of("local")) && listensOnLoopback(environment);
	}

	static boolean listensOnLoopback(Environment environment) {
		String address = environment.getProperty("server.address");
		if (address == null || address.isBlank()) {
			return false; // every interface
		}
		try {
			return InetAddress.getByName(address.trim()).isLoopbackAddress();
		}
		catch (UnknownHostException e) {
			return false;
		}
	}
}
