package io.slotswap.emulator;

/** Thrown anywhere in the emulator to answer the current ARM call with {@link #error()}. */
class ArmException extends RuntimeException {

	private final ArmError error;

	ArmException(ArmError error) {
		super(error.code() + ": " + error.message(), null, false, false);
		this.error = error;
	}

	ArmError error() {
		return error;
	}
}
