package dev.ticketbooth.partners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * Mux signed playback IDs: RS256 from a signing key Mux created (imported from the base64 PEM it
 * hands over once), header {@code kid} = Mux's signing key id. A token is {@code sub} (the playback
 * id: our video id), {@code aud} (what it opens: {@code v} video and text tracks, {@code t}
 * thumbnail, {@code g} animated GIF/WebP, {@code s} storyboard, {@code d} DRM license),
 * {@code exp} and, when the partner has one, {@code playback_restriction_id}: the claims of Mux's
 * own SDK, which writes no {@code iat}. One mint gives a token per asked audience, {@code v} by
 * default. No viewer, issuer or audience of ours, and no allow rules: Mux limits referrers and
 * user agents through a playback restriction, and knows no IP or country rule.
 */
public final class MuxDialect implements VideoSubjectDialect {

	/** Mux's audiences, in the order its docs list them (the SDK's {@code TypeClaim}). */
	private static final List<String> AUDIENCES = List.of("v", "t", "g", "s", "d");

	private static final String VIDEO = "v";

	private static final String RESTRICTION = "playback_restriction_id";

	/** Mux ids are letters and digits; a little room beyond that, nothing that could break a URL or a log line. */
	private static final Pattern MUX_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	@Override
	public String platform() {
		return "Mux";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256); // Mux's signing keys are 2048-bit RSA, for RS256
	}

	/** One URL per audience; a URL whose token was not asked for is left out of the answer. */
	@Override
	public Map<String, String> defaultUrls(Map<String, String> settings) {
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("stream", "https://stream.mux.com/{video}.m3u8?token={token.v}");
		urls.put("thumbnail", "https://image.mux.com/{video}/thumbnail.jpg?token={token.t}");
		urls.put("gif", "https://image.mux.com/{video}/animated.gif?token={token.g}");
		urls.put("storyboard", "https://image.mux.com/{video}/storyboard.vtt?token={token.s}");
		return urls;
	}

	@Override
	public Map<String, String> checkSettings(Map<String, String> settings) {
		Map<String, String> checked = new LinkedHashMap<>();
		settings.forEach((name, value) -> {
			if (!RESTRICTION.equals(name)) {
				throw ApiProblemException.badRequest("invalid-settings",
						"Mux partners have one setting, " + RESTRICTION + " (got '" + name + "')");
			}
			if (value == null || !MUX_ID.matcher(value).matches()) {
				throw ApiProblemException.badRequest("invalid-settings",
						RESTRICTION + " is the id of a Mux playback restriction (1-128 letters, digits, '_' and '-')");
			}
			checked.put(name, value);
		});
		return checked;
	}

	@Override
	public void checkMint(Mint mint) {
		Dialect.requireVideo(mint, "A Mux token is for one playback id (its sub); name a video");
		Dialect.refuseDownloadable(mint, platform());
		audiences(mint);
	}

	@Override
	public String headerKid(RingKey key) {
		return VendorKeyDialect.assignedKid(key, "Mux signing key id",
				"import the key Mux created with its id as partner_key_id, or record the id");
	}

	@Override
	public Set<String> expressibleRules() {
		return Set.of(); // referrer and user-agent rules live in a Mux playback restriction
	}

	/** The claims of the first token a mint gives ({@code v} when asked). */
	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		return claims(partner, mint, audiences(mint).get(0));
	}

	/** One token per asked audience: {@code v} first when asked (it is the answer's {@code token}), then the others as asked. */
	@Override
	public Map<String, Map<String, Object>> tokens(Partner partner, Mint mint) {
		Map<String, Map<String, Object>> tokens = new LinkedHashMap<>();
		for (String audience : audiences(mint)) {
			tokens.put(audience, claims(partner, mint, audience));
		}
		return tokens;
	}

	private static Map<String, Object> claims(Partner partner, Mint mint, String audience) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", mint.video());
		claims.put("aud", audience);
		claims.put("exp", mint.expiresAt().getEpochSecond());
		String restriction = partner.settings().get(RESTRICTION);
		if (restriction != null) {
			claims.put(RESTRICTION, restriction);
		}
		return claims;
	}

	/** The asked audiences, checked: {@code v} alone by default, otherwise {@code v} first when asked. */
	private static List<String> audiences(Mint mint) {
		List<String> asked = mint.audiences();
		if (asked == null) {
			return List.of(VIDEO);
		}
		if (asked.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-request", "audiences names at least one of " + AUDIENCES);
		}
		List<String> ordered = new ArrayList<>();
		for (String audience : asked) {
			if (audience == null || !AUDIENCES.contains(audience)) {
				throw ApiProblemException.badRequest("invalid-request",
						"audiences holds only Mux's " + AUDIENCES + " (v video, t thumbnail, g gif, s storyboard, d DRM license)");
			}
			if (ordered.contains(audience)) {
				throw ApiProblemException.badRequest("invalid-request", "audiences names '" + audience + "' twice");
			}
			ordered.add(audience);
		}
		if (ordered.remove(VIDEO)) {
			ordered.add(0, VIDEO);
		}
		return ordered;
	}
}
