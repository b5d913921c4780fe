package dev.ticketbooth.decisions;

import java.time.Instant;
import java.util.Map;

import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.users.EndUser;

/**
 * A playback every check allowed, as {@link AdmissionControl} sees it.
 *
 * @param user the viewer (null for a token that names none: Mux, Cloudflare)
 * @param grantStreamCount the allowing grant's {@code stream_count}, if it has one
 * @param token the token as presented (hashed by whoever keeps it, never stored)
 * @param claims its verified claims
 */
public record Admission(Partner partner, EndUser user, Integer grantStreamCount, String token, Map<String, Object> claims,
		String video, Instant now) {

	/** The token's {@code exp}, when it has one (always, for a verified token). */
	public Instant expiresAt() {
		return claims.get("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue()) : null;
	}

	/** The stream limit in force: the grant's count, else the partner's {@code max_streams}, else none (null). */
	public Integer streamLimit() {
		return grantStreamCount != null ? grantStreamCount : partner.viewerLimits().maxStreams();
	}
}
