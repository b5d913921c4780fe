package dev.ticketbooth.decisions;

/** Deny reasons of the decision checks, in the order they run (entitlement reasons come from entitlements). */
public final class Reason {

	public static final String ALLOWED = "allowed";

	public static final String MALFORMED_TOKEN = "malformed-token";

	public static final String TOKEN_TOO_LARGE = "token-too-large";

	public static final String ALG_NOT_ALLOWED = "alg-not-allowed";

	public static final String UNTRUSTED_HEADER = "untrusted-header";

	public static final String UNKNOWN_KID = "unknown-kid";

	public static final String KEY_REVOKED = "key-revoked";

	public static final String BAD_SIGNATURE = "bad-signature";

	public static final String TOKEN_EXPIRED = "token-expired";

	public static final String TOKEN_NOT_YET_VALID = "token-not-yet-valid";

	public static final String WRONG_ISSUER = "wrong-issuer";

	public static final String WRONG_AUDIENCE = "wrong-audience";

	public static final String VIDEO_MISMATCH = "video-mismatch";

	public static final String IP_NOT_ALLOWED = "ip-not-allowed";

	public static final String COUNTRY_NOT_ALLOWED = "country-not-allowed";

	public static final String GEO_UNAVAILABLE = "geo-unavailable";

	public static final String ORIGIN_NOT_ALLOWED = "origin-not-allowed";

	public static final String OUTSIDE_TIME_WINDOW = "outside-time-window";

	/** The user's tokens were revoked after this one was issued. */
	public static final String TOKEN_REVOKED = "token-revoked";

	/** A single-use partner's token seen before. */
	public static final String TOKEN_ALREADY_USED = "token-already-used";

	/** The user has as many live sessions as the limit, and the partner blocks new ones. */
	public static final String STREAM_LIMIT = "stream-limit";

	/** A new device beyond the partner's {@code max_devices}. */
	public static final String DEVICE_LIMIT = "device-limit";

	private Reason() {
	}
}
