package dev.ticketbooth.decisions;

import java.util.Map;

import dev.ticketbooth.partners.Partner;

/** A token whose signature, times, issuer and audience checked out, or the reason it did not. */
record VerifiedToken(Partner partner, Map<String, Object> claims, String denyReason) {

	static VerifiedToken deny(String reason) {
		return new VerifiedToken(null, Map.of(), reason);
	}

	boolean valid() {
		return denyReason == null;
	}
}
