package dev.ticketbooth.partners;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.ticketbooth.keys.KeyAlgorithm;

/**
 * Amazon IVS private channels: ES384 from a key whose public PEM was imported into the region
 * ({@code ImportPlaybackKeyPair}); IVS tries each of the region's keys, so the header keeps our
 * {@code kid} for our own verifier. The claims are IVS's own, {@code aws:}-prefixed: the channel
 * ARN (the catalog video's id), the viewer (our user id), the allowed origins with strict
 * enforcement, the highest resolution the grant's quality allows, and {@code exp}. A token naming
 * a viewer lives at most 10 minutes, and ours always name one. No issuer, audience or {@code iat}; the
 * viewer-session version is the user's revocation count, for IVS's viewer-session revocation.
 * Countries and IPs are a channel's playback restriction policy, never a token's.
 */
public final class IvsDialect implements VendorKeyDialect {

	static final String CHANNEL_ARN = "aws:channel-arn";

	static final String ALLOWED_ORIGINS = "aws:access-control-allow-origin";

	static final String STRICT_ORIGINS = "aws:strict-origin-enforcement";

	static final String VIEWER_ID = "aws:viewer-id";

	static final String MAXIMUM_RESOLUTION = "aws:maximum-resolution";

	/**
	 * IVS ends a viewer's playback sessions whose version is below the one given to its
	 * {@code StartViewerSessionRevocation} call: ours is the user's revocation count.
	 */
	static final String VIEWER_SESSION_VERSION = "aws:viewer-session-version";

	/** IVS: "when using viewer-id, the maximum value for exp is 10 minutes in the future". */
	private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

	/** IVS limits {@code aws:viewer-id} to 40 characters; our user ids are UUIDs (36). */
	private static final int MAX_VIEWER_ID = 40;

	/** Grant qualities and the IVS resolutions they cap playback at; others (4k) leave it open. */
	private static final Map<String, String> RESOLUTIONS = Map.of("sd", "SD", "hd", "HD", "fhd", "FULL_HD");

	@Override
	public String platform() {
		return "Amazon IVS";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.ES384);
	}

	@Override
	public Optional<Duration> maxLifetime() {
		return Optional.of(MAX_LIFETIME);
	}

	@Override
	public Set<String> expressibleRules() {
		return Set.of("origins"); // geo-blocking is the channel's PlaybackRestrictionPolicy; IVS has no IP rule
	}

	@Override
	public void checkMint(Mint mint) {
		VendorKeyDialect.super.checkMint(mint);
		Dialect.requireVideo(mint, "Amazon IVS tokens name one channel: give its ARN as the video");
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		if (mint.userId().length() > MAX_VIEWER_ID) {
			throw new IllegalStateException("A user id longer than " + MAX_VIEWER_ID + " characters cannot be an IVS viewer id");
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(CHANNEL_ARN, mint.video());
		if (!mint.rules().origins().isEmpty()) {
			claims.put(ALLOWED_ORIGINS, String.join(",", mint.rules().origins()));
			claims.put(STRICT_ORIGINS, true); // at most 5 origins, as AllowRules allows
		}
		claims.put(VIEWER_ID, mint.userId());
		claims.put(VIEWER_SESSION_VERSION, mint.tokenRevocations());
		String resolution = mint.quality() == null ? null : RESOLUTIONS.get(mint.quality());
		if (resolution != null) {
			claims.put(MAXIMUM_RESOLUTION, resolution);
		}
		claims.put("exp", mint.expiresAt().getEpochSecond());
		return claims;
	}

	@Override
	public boolean checksIssuerAndAudience() {
		return false;
	}

	@Override
	public Optional<String> userId(Map<String, Object> claims) {
		return Optional.ofNullable(Dialect.string(claims.get(VIEWER_ID)));
	}

	/** IVS tokens have no {@code iat}: the viewer-session version says which revocation they come after. */
	@Override
	public boolean issuedBefore(Map<String, Object> claims, java.time.Instant revokedAt, int revocations) {
		return !(claims.get(VIEWER_SESSION_VERSION) instanceof Number version) || version.intValue() < revocations;
	}

	@Override
	public String boundVideo(Partner partner, Map<String, Object> claims) {
		return Dialect.string(claims.get(CHANNEL_ARN));
	}

	/** The origins of {@code aws:access-control-allow-origin}; one that does not parse allows no origin. */
	@Override
	public AllowRules tokenRules(Map<String, Object> claims) {
		if (!(claims.get(ALLOWED_ORIGINS) instanceof String origins)) {
			return AllowRules.NONE;
		}
		List<String> list = Arrays.stream(origins.split(",")).map(String::trim).toList();
		try {
			return AllowRules.of(null, list, null);
		}
		catch (RuntimeException ex) {
			return AllowRules.NOTHING;
		}
	}

	@Override
	public OptionalInt vendorKeyLimit() {
		return OptionalInt.of(3); // "a maximum of three key pairs" per region
	}
}
