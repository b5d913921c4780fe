package dev.ticketbooth.entitlements;

/**
 * A grant as operators and importing systems write it: the user by username, exactly one of
 * collection or video, times in RFC 3339.
 */
public record GrantRequest(String user, String collection, String video, String kind, String quality,
		Integer streamCount, String validFrom, String validUntil, String externalRef) {
}
