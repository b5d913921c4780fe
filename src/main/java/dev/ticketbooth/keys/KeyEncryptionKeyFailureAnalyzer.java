package dev.ticketbooth.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a KEK problem at start-up into Boot's "APPLICATION FAILED TO START" with what to do. */
class KeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionKeyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

	static KeyEncryptionKeyException find(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof KeyEncryptionKeyException kek) {
				return kek;
			}
		}
		return null;
	}
}
