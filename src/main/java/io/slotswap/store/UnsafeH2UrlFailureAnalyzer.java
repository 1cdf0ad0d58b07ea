package io.slotswap.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to change when slotswap refuses an H2 file URL, instead of a stack trace. */
class UnsafeH2UrlFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeH2UrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeH2UrlException cause) {
		return new FailureAnalysis(cause.problem(), cause.action(), cause);
	}
}
