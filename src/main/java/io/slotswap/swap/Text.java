package io.slotswap.swap;

final class Text {

	private Text() {
	}

	static String truncate(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		return text.substring(0, max - 1) + "…";
	}
}
