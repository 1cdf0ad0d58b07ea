package io.slotswap.swap;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an action came from. */
public enum Channel {
	API("api"), SLACK("slack"), ENGINE("engine");

	private final String wireName;

	Channel(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return wireName;
	}

	public static Channel fromWireName(String name) {
		for (Channel channel : values()) {
			if (channel.wireName.equalsIgnoreCase(name)) {
				return channel;
			}
		}
		throw new IllegalArgumentException("unknown channel: " + name);
	}
}
