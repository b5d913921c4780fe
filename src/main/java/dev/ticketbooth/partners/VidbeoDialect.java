package dev.ticketbooth.partners;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * Vidbeo: RS256 from a key whose public PEM was uploaded to Vidbeo, which knows it only by the
 * {@code keyid} it assigned (our header {@code kid}); {@code sub} restricts a token to one video;
 * no issuer, audience or user in the token.
 */
public final class VidbeoDialect implements VendorKeyDialect {

	@Override
	public String platform() {
		return "Vidbeo";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256);
	}

	@Override
	public Map<String, String> defaultUrls(Map<String, String> settings) {
		return Map.of("watch", "https://watch.vidbeo.com/{video}?jwt={token}", "embed",
				"https://embed.vidbeo.com/{video}?jwt={token}", "hls", "https://watch.vidbeo.com/{video}/hls.m3u8?jwt={token}");
	}

	@Override
	public String headerKid(RingKey key) {
		return VendorKeyDialect.assignedKid(key, "Vidbeo keyid",
				"upload its public PEM to Vidbeo and record the keyid");
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (mint.video() != null) {
			claims.put("sub", mint.video()); // Vidbeo: sub restricts the token to one video
		}
		return Dialect.withTimesAndRules(claims, mint);
	}

	@Override
	public boolean checksIssuerAndAudience() {
		return false;
	}

	@Override
	public Optional<String> userId(Map<String, Object> claims) {
		return Optional.empty(); // its sub is a video
	}

	@Override
	public String boundVideo(Partner partner, Map<String, Object> claims) {
		return Dialect.string(claims.get("sub"));
	}
}
