package dev.ticketbooth.partners;

import java.util.Map;
import java.util.Set;

import dev.ticketbooth.keys.KeyAlgorithm;

/**
 * Kinescope: the token rides in {@code drmauthtoken} and comes back to our callback
 * ({@code /kinescope/**}) with the partner's credentials; our own claims, the video in {@code video}.
 */
public final class KinescopeDialect implements Dialect {

	@Override
	public String platform() {
		return "Kinescope";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256, KeyAlgorithm.ES256);
	}

	@Override
	public String defaultAudience() {
		return "kinescope";
	}

	@Override
	public Map<String, String> defaultUrls(Map<String, String> settings) {
		return Map.of("embed", "https://kinescope.io/embed/{video}?drmauthtoken={token}");
	}

	@Override
	public String callbackPaths() {
		return "/kinescope/**";
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		Map<String, Object> claims = Dialect.identity(partner, mint);
		if (mint.video() != null) {
			claims.put("video", mint.video());
		}
		return Dialect.withTimesAndRules(claims, mint);
	}

	@Override
	public String boundVideo(Partner partner, Map<String, Object> claims) {
		return Dialect.string(claims.get("video"));
	}
}
