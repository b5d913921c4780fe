package dev.ticketbooth.partners;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import dev.ticketbooth.config.ApiProblemException;

/** A platform's token dialect, with the player URLs it documents. */
public enum PartnerProfile {

	/** RS256 from an unpublished key set whose public PEM was uploaded to Vidbeo; header kid = Vidbeo's keyid. */
	VIDBEO(null, Map.of("watch", "https://watch.vidbeo.com/{video}?jwt={token}", "embed",
			"https://embed.vidbeo.com/{video}?jwt={token}", "hls", "https://watch.vidbeo.com/{video}/hls.m3u8?jwt={token}")),
	/** StreamAMG full mode: verified against our JWKS. */
	STREAMAMG("playback.streamamg.com", Map.of()),
	/** Kinescope: the token rides in drmauthtoken and comes back to our callback. */
	KINESCOPE("kinescope", Map.of("embed", "https://kinescope.io/embed/{video}?drmauthtoken={token}")),
	/** Vimond: tokens come from OIDC; the partner holds the credentials of our external entitlement endpoint. */
	VIMOND(null, Map.of());

	private final String defaultAudience;

	private final Map<String, String> defaultUrls;

	PartnerProfile(String defaultAudience, Map<String, String> defaultUrls) {
		this.defaultAudience = defaultAudience;
		this.defaultUrls = defaultUrls;
	}

	public String defaultAudience() {
		return defaultAudience;
	}

	public Map<String, String> defaultUrls() {
		return defaultUrls;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static PartnerProfile parse(String value) {
		return Arrays.stream(values()).filter(p -> value != null && p.name().equalsIgnoreCase(value.trim())).findFirst()
			.orElseThrow(() -> ApiProblemException.badRequest("invalid-profile",
					"A partner profile is one of vidbeo, streamamg, kinescope, vimond"));
	}
}
