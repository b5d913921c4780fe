package dev.ticketbooth.partners;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

import org.springframework.http.HttpStatus;

/**
 * Vidbeo: RS256 from a key whose public PEM was uploaded to Vidbeo, which knows it only by the
 * {@code keyid} it assigned (our header {@code kid}); {@code sub} restricts a token to one video;
 * no issuer, audience or user in the token.
 */
public final class VidbeoDialect implements Dialect {

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
	public Map<String, String> checkClaimNames(Map<String, String> names) {
		return Dialect.noClaimNames(names, platform());
	}

	/** Its keys are uploaded by hand; it knows each by the {@code keyid} it assigned. */
	@Override
	public boolean readsOurJwks() {
		return false;
	}

	@Override
	public String headerKid(RingKey key) {
		if (key.partnerKeyId() == null) {
			throw new ApiProblemException(HttpStatus.CONFLICT, "partner-key-id-missing", "The ACTIVE key " + key.kid()
					+ " of set '" + key.keySet() + "' has no Vidbeo keyid: upload its public PEM to Vidbeo and record the "
					+ "keyid with PATCH /api/admin/keys/" + key.kid());
		}
		return key.partnerKeyId();
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
