package dev.ticketbooth.partners;

import java.util.Map;
import java.util.Optional;

/**
 * A platform whose token is bound to one video and names no viewer (Mux, Cloudflare Stream): its
 * {@code sub} is the video, there is no room for a user id, and the key alone names the partner,
 * so there is no issuer or audience to check. A decision on such a token may allow it without a
 * viewer (see {@link Dialect#decidesWithoutViewer()}).
 */
public sealed interface VideoSubjectDialect extends VendorKeyDialect permits MuxDialect, CloudflareDialect {

	@Override
	default boolean checksIssuerAndAudience() {
		return false;
	}

	@Override
	default Optional<String> userId(Map<String, Object> claims) {
		return Optional.empty();
	}

	@Override
	default boolean decidesWithoutViewer() {
		return true;
	}

	@Override
	default String boundVideo(Partner partner, Map<String, Object> claims) {
		return Dialect.string(claims.get("sub"));
	}
}
