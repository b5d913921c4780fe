package dev.ticketbooth.entitlements;

import java.time.Instant;

/**
 * A user's access to one collection or one video, valid in {@code [validFrom, validUntil)}
 * (open where null).
 */
public record Grant(String id, String userId, String collectionId, String videoId, GrantKind kind, String quality,
		Integer streamCount, Instant validFrom, Instant validUntil, String externalRef, Instant createdAt) {

	public boolean currentAt(Instant at) {
		return !notYetValidAt(at) && !expiredAt(at);
	}

	public boolean expiredAt(Instant at) {
		return validUntil != null && !at.isBefore(validUntil);
	}

	public boolean notYetValidAt(Instant at) {
		return validFrom != null && at.isBefore(validFrom);
	}
}
