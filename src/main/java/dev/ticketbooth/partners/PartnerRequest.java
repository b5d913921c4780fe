package dev.ticketbooth.partners;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A partner as operators write it (admin API, console, demo data); nulls take the profile's
 * defaults. {@link PartnerRequests} checks it. {@code origin} and {@code hashAlgorithm} are CDN
 * partners' fields, kept with their {@code settings}.
 */
public record PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
		Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
		Map<String, String> urlTemplates, Boolean libraryTokens, String callbackUsername, String callbackPassword,
		Boolean allowPlainUserIds, Map<String, Object> rules, String algorithm,
		@JsonDeserialize(contentUsing = SettingValues.class) Map<String, String> settings, String origin,
		String hashAlgorithm, Integer maxStreams, String streamLimitPolicy, Integer maxDevices,
		Long deviceSlotCooldownSeconds, Boolean singleUse) {

	/** Without viewer limits. */
	public PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
			Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
			Map<String, String> urlTemplates, Boolean libraryTokens, String callbackUsername, String callbackPassword,
			Boolean allowPlainUserIds, Map<String, Object> rules, String algorithm, Map<String, String> settings,
			String origin, String hashAlgorithm) {
		this(id, profile, keySet, issuer, audience, defaultLifetimeSeconds, maxLifetimeSeconds, claimNames, urlTemplates,
				libraryTokens, callbackUsername, callbackPassword, allowPlainUserIds, rules, algorithm, settings, origin,
				hashAlgorithm, null, null, null, null, null);
	}

	/** The name in {@code settings} (and in answers) of the field {@code origin}. */
	public static final String ORIGIN = "origin";

	/** The name in {@code settings} (and in answers) of the field {@code hash_algorithm}. */
	public static final String HASH_ALGORITHM = "hash_algorithm";

	/**
	 * The fields given beside {@code settings}, under their names there (none null): the dialect
	 * checks them with the settings, so a platform that has no such setting refuses them.
	 */
	Map<String, String> fieldSettings() {
		Map<String, String> fields = new LinkedHashMap<>();
		if (origin != null) {
			fields.put(ORIGIN, origin);
		}
		if (hashAlgorithm != null) {
			fields.put(HASH_ALGORITHM, hashAlgorithm);
		}
		return fields;
	}

	/** Without the CDN fields (a CDN partner may still give them in {@code settings}). */
	public PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
			Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
			Map<String, String> urlTemplates, Boolean libraryTokens, String callbackUsername, String callbackPassword,
			Boolean allowPlainUserIds, Map<String, Object> rules, String algorithm, Map<String, String> settings) {
		this(id, profile, keySet, issuer, audience, defaultLifetimeSeconds, maxLifetimeSeconds, claimNames, urlTemplates,
				libraryTokens, callbackUsername, callbackPassword, allowPlainUserIds, rules, algorithm, settings, null, null);
	}

	/** Without dialect settings. */
	public PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
			Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
			Map<String, String> urlTemplates, Boolean libraryTokens, String callbackUsername, String callbackPassword,
			Boolean allowPlainUserIds, Map<String, Object> rules, String algorithm) {
		this(id, profile, keySet, issuer, audience, defaultLifetimeSeconds, maxLifetimeSeconds, claimNames, urlTemplates,
				libraryTokens, callbackUsername, callbackPassword, allowPlainUserIds, rules, algorithm, null);
	}

	/** Without callback credentials, rules or algorithm: what most partners need. */
	public PartnerRequest(String id, String profile, String keySet, String issuer, String audience,
			Long defaultLifetimeSeconds, Long maxLifetimeSeconds, Map<String, String> claimNames,
			Map<String, String> urlTemplates, Boolean libraryTokens) {
		this(id, profile, keySet, issuer, audience, defaultLifetimeSeconds, maxLifetimeSeconds, claimNames, urlTemplates,
				libraryTokens, null, null, null, null, null, null);
	}
}
