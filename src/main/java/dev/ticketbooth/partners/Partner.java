package dev.ticketbooth.partners;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ticketbooth.keys.KeyAlgorithm;

/**
 * One platform integration.
 *
 * @param keySet the key set whose ACTIVE key signs this partner's tokens
 * @param algorithm which of the set's ACTIVE keys signs them (RS256 unless the partner asks for ES256)
 * @param claimNames for StreamAMG: which claims carry {@code customer}, {@code session} and
 *     {@code entry} (defaults customer_id, session_id, entry_id)
 * @param urlTemplates player URLs with {@code {video}} and {@code {token}} placeholders
 * @param libraryTokens whether a token may name no video (and so open every video the platform
 *     protects with this key)
 * @param callbackUsername the HTTP Basic username the platform calls our decision callback with
 * @param allowPlainUserIds accept a bare user id instead of a signed token (insecure; off by default)
 * @param rules partner-wide IP, origin, country and time-window rules for decisions
 * @param settings what the partner's dialect needs beyond these (checked by {@link Dialect#checkSettings})
 * @param viewerLimits streams, devices and single use (shown flat in JSON, as operators write them)
 */
public record Partner(String id, PartnerProfile profile, String keySet, KeyAlgorithm algorithm, String issuer, String audience,
		Duration defaultLifetime, Duration maxLifetime, Map<String, String> claimNames, Map<String, String> urlTemplates,
		boolean libraryTokens, String callbackUsername, boolean allowPlainUserIds, PartnerRules rules, Instant createdAt,
		Map<String, String> settings, @JsonUnwrapped ViewerLimits viewerLimits) {

	public Partner {
		claimNames = Map.copyOf(claimNames);
		urlTemplates = Map.copyOf(urlTemplates);
		settings = settings == null ? Map.of() : Map.copyOf(settings);
		viewerLimits = viewerLimits == null ? ViewerLimits.NONE : viewerLimits;
	}

	/** A partner with no viewer limits. */
	public Partner(String id, PartnerProfile profile, String keySet, KeyAlgorithm algorithm, String issuer, String audience,
			Duration defaultLifetime, Duration maxLifetime, Map<String, String> claimNames, Map<String, String> urlTemplates,
			boolean libraryTokens, String callbackUsername, boolean allowPlainUserIds, PartnerRules rules, Instant createdAt,
			Map<String, String> settings) {
		this(id, profile, keySet, algorithm, issuer, audience, defaultLifetime, maxLifetime, claimNames, urlTemplates,
				libraryTokens, callbackUsername, allowPlainUserIds, rules, createdAt, settings, ViewerLimits.NONE);
	}

	/** A partner with no dialect settings. */
	public Partner(String id, PartnerProfile profile, String keySet, KeyAlgorithm algorithm, String issuer, String audience,
			Duration defaultLifetime, Duration maxLifetime, Map<String, String> claimNames, Map<String, String> urlTemplates,
			boolean libraryTokens, String callbackUsername, boolean allowPlainUserIds, PartnerRules rules, Instant createdAt) {
		this(id, profile, keySet, algorithm, issuer, audience, defaultLifetime, maxLifetime, claimNames, urlTemplates,
				libraryTokens, callbackUsername, allowPlainUserIds, rules, createdAt, Map.of());
	}

	/** What this partner's platform says about its tokens. */
	public Dialect dialect() {
		return profile.dialect();
	}

	/** The {@code origin} setting (a CDN partner's URL template), also answered as a field; null when none. */
	public String origin() {
		return settings.get(PartnerRequest.ORIGIN);
	}

	/** The {@code hash_algorithm} setting, also answered as a field; null when none. */
	public String hashAlgorithm() {
		return settings.get(PartnerRequest.HASH_ALGORITHM);
	}
}
