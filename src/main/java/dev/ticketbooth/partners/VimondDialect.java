package dev.ticketbooth.partners;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ticketbooth.keys.KeyAlgorithm;

/**
 * Vimond: reads our OIDC access tokens (enriched by the {@code oidc} package), so it gets no
 * playback tokens; the partner holds the credentials of our entitlement overflow endpoint
 * ({@code /vimond/**}).
 */
public final class VimondDialect implements Dialect {

	@Override
	public String platform() {
		return "Vimond";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256, KeyAlgorithm.ES256);
	}

	@Override
	public Optional<String> mintingRefusal() {
		return Optional.of("Vimond reads OIDC access tokens; register an OIDC client with vimond enrichment instead");
	}

	@Override
	public String callbackPaths() {
		return "/vimond/**";
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		throw new IllegalStateException("Vimond partners get no playback tokens");
	}

	@Override
	public String boundVideo(Partner partner, Map<String, Object> claims) {
		return null;
	}
}
