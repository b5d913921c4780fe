package dev.ticketbooth.entitlements;

import java.time.Instant;

/**
 * A grant the user holds at some instant, with the kind and external id of its collection (null
 * for a grant on one video), as the OIDC token dialects need it.
 */
public record CurrentGrant(String kind, String videoId, String collectionId, String collectionKind, String externalId,
		String quality, Integer streamCount, Instant validFrom, Instant validUntil, Instant createdAt) {

	/** The id a platform knows the grant by: the collection's external id, else our collection or video id. */
	public String platformId() {
		return externalId != null ? externalId : collectionId != null ? collectionId : videoId;
	}
}
