package dev.ticketbooth.admin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a too-short first-admin password into Boot's "APPLICATION FAILED TO START" with what to do. */
class WeakAdminPasswordFailureAnalyzer extends AbstractFailureAnalyzer<WeakAdminPasswordException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WeakAdminPasswordException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}
}
