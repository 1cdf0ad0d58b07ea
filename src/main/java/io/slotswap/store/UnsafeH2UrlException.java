package io.slotswap.store;

/** An H2 file URL that asks H2 to write commits late, which slotswap refuses to run on. */
class UnsafeH2UrlException extends IllegalStateException {

	private final String problem;

	private final String action;

	private UnsafeH2UrlException(String problem, String action) {
		super(problem + " " + action);
		this.problem = problem;
		this.action = action;
	}

	/** {@code property} names an H2 file with {@code setting}, a write delay other than 0. */
	static UnsafeH2UrlException delaysWrites(String property, String setting) {
		return new UnsafeH2UrlException(
				property + " sets " + setting + " on an H2 file: a crash could lose committed swap steps.",
				"Remove " + setting + " from " + property + " (slotswap sets " + H2Durability.DURABLE
						+ " on H2 files itself), or change it to " + H2Durability.DURABLE + ".");
	}

	String problem() {
		return problem;
	}

	String action() {
		return action;
	}
}
