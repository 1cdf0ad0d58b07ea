package io.slotswap.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in two lines what to configure when slotswap refuses to start without credentials. */
class MissingCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingCredentialsException cause) {
		return new FailureAnalysis(MissingCredentialsException.PROBLEM, MissingCredentialsException.ACTION, cause);
	}
}
