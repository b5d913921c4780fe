package dev.ticketbooth.partners;

import java.time.Instant;
import java.util.Map;

/**
 * A partner as the admin API answers it: the fields and forms a {@link PartnerRequest} takes
 * (profile in lower case, lifetimes in seconds, rules as written), so an answer can be edited and
 * sent back. A generated callback password appears once, in the answer to the request that made it.
 * A CDN partner's {@code origin} and {@code hash_algorithm}, kept with its settings, are answered
 * beside them too, as requests may give them.
 */
public record PartnerView(String id, String profile, String keySet, String algorithm, String issuer, String audience,
		long defaultLifetimeSeconds, long maxLifetimeSeconds, Map<String, String> claimNames,
		Map<String, String> urlTemplates, boolean libraryTokens, String callbackUsername, String callbackPassword,
		boolean allowPlainUserIds, Map<String, Object> rules, Map<String, String> settings, String origin,
		String hashAlgorithm, Integer maxStreams, String streamLimitPolicy, Integer maxDevices,
		long deviceSlotCooldownSeconds, boolean singleUse, Instant createdAt) {

	public static PartnerView of(Partner partner) {
		return of(partner, null);
	}

	public static PartnerView of(Partner partner, String callbackPassword) {
		return new PartnerView(partner.id(), partner.profile().wireName(), partner.keySet(), partner.algorithm().name(),
				partner.issuer(), partner.audience(), partner.defaultLifetime().toSeconds(),
				partner.maxLifetime().toSeconds(), partner.claimNames(), partner.urlTemplates(), partner.libraryTokens(),
				partner.callbackUsername(), callbackPassword, partner.allowPlainUserIds(), partner.rules().json(),
				partner.settings(), partner.origin(), partner.hashAlgorithm(), partner.viewerLimits().maxStreams(),
				partner.viewerLimits().streamLimitPolicy(), partner.viewerLimits().maxDevices(),
				partner.viewerLimits().deviceSlotCooldown().toSeconds(), partner.viewerLimits().singleUse(),
				partner.createdAt());
	}
}
