package io.slotswap.swap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProbePathRuleTest {

	static boolean allowed(String path) {
		return path.matches(SwapRequest.Rules.PATH);
	}

	@Test
	void pathsOnTheSlotsOwnHostAreAllowedWithTheirQueryAndEscapes() {
		assertThat(List.of("/", "/health", "/api/v1/status?deep=true", "/a%20b", "/caf%C3%A9", "/.well-known/ready"))
			.allMatch(ProbePathRuleTest::allowed);
	}

	@Test
	void encodedDotsSlashesBackslashesAndBrokenEscapesAreRefused() {
		assertThat(List.of("/%2e%2e/admin", "/.%2E/x", "/%2F%2Fevil", "/a%5cb", "/ok%zz", "/ok%", "/ok%2", "//evil",
				"/../x", "/a\\b", "http://x/")).noneMatch(ProbePathRuleTest::allowed);
	}
}
