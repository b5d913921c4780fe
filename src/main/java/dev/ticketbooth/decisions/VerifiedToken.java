package dev.ticketbooth.decisions;

import java.util.Map;

import dev.ticketbooth.partners.Partner;

/**
 * A token whose signature, times, issuer and audience checked out, or the reason it did not (with
 * its partner when the signature was good, for the logs).
 */
record VerifiedToken(Partner partner, Map<String, Object> claims, String denyReason) {

	static VerifiedToken deny(String reason) {
		return new VerifiedToken(null, Map.of(), reason);
	}

	/** A genuine token of {@code partner} (which may be unknown) refused for its times. */
	static VerifiedToken deny(String reason, Partner partner) {
		return new VerifiedToken(partner, Map.of(), reason);
	}

	boolean valid() {
		return denyReason == null;
	}
}
