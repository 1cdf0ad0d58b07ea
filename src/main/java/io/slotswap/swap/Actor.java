package io.slotswap.swap;

/** Who did something, and through which channel. The engine acts as {@link #ENGINE}. */
public record Actor(String name, Channel channel) {

	public static final Actor ENGINE = new Actor("slotswap", Channel.ENGINE);

	public static Actor api(String principal) {
		return new Actor(principal, Channel.API);
	}
}
