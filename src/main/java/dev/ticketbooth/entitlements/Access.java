package dev.ticketbooth.entitlements;

/**
 * The answer to "may this user watch this video now": allow or deny, with a stable reason code.
 *
 * @param grantId the grant that allows, when one does
 * @param allowedUntil when that grant ends (null: open-ended, or allowed by a role)
 * @param streamCount that grant's concurrent-stream count, if it has one
 * @param quality that grant's quality, if it has one
 */
public record Access(boolean allowed, String reason, String userId, String grantId, java.time.Instant allowedUntil,
		Integer streamCount, String quality) {

	public Access(boolean allowed, String reason, String userId, String grantId, java.time.Instant allowedUntil) {
		this(allowed, reason, userId, grantId, allowedUntil, null, null);
	}

	public static final String ENTITLED = "entitled";

	public static final String ROLE = "role";

	public static final String UNKNOWN_USER = "unknown-user";

	public static final String USER_DISABLED = "user-disabled";

	public static final String UNKNOWN_VIDEO = "unknown-video";

	public static final String NOT_ENTITLED = "not-entitled";

	public static final String GRANT_EXPIRED = "grant-expired";

	public static final String GRANT_NOT_YET_VALID = "grant-not-yet-valid";

	static Access allow(String reason, String userId, Grant grant) {
		return grant == null ? new Access(true, reason, userId, null, null)
				: new Access(true, reason, userId, grant.id(), grant.validUntil(), grant.streamCount(), grant.quality());
	}

	static Access deny(String reason, String userId) {
		return new Access(false, reason, userId, null, null);
	}
}
