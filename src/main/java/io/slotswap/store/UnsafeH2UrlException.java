package io.slotswap.store;

/** An H2 file URL that asks H2 to write commits late, which slotswap refuses to run on. */
class UnsafeH2UrlException extends IllegalStateException {

	private final String problem;

	private final String action;

	UnsafeH2UrlException(String setting) {
		this("spring.datasource.url sets " + setting + " on an H2 file: a crash could lose committed swap steps.",
				"Remove " + setting + " from spring.datasource.url (slotswap sets " + H2Durability.DURABLE
						+ " on H2 files itself), or change it to " + H2Durability.DURABLE + ".");
	}

	private UnsafeH2UrlException(String problem, String action) {
		super(problem + " " + action);
		this.problem = problem;
		this.action = action;
	}

	String problem() {
		return problem;
	}

	String action() {
		return action;
	}
}
