package dev.ticketbooth.partners;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.RingKey;

/**
 * A CDN that checks a signed URL or signed cookies on every manifest and segment request (Amazon
 * CloudFront, Akamai, bunny.net): a mint gives {@code urls} (and {@code cookies} where the CDN
 * takes them) for the partner's {@code origin}, signed with the set's ACTIVE key or secret, instead
 * of a JWT. Minted from the same entitlement and never outliving it, like every token; nothing
 * comes back to our decisions, since the CDN checks the signature itself. Akamai and bunny.net
 * share a secret with us (an HS256 set) and know it by no id of theirs, so their sets have no vendor
 * key id to wait for; CloudFront holds our public key under its own id ({@link VendorKeyDialect}).
 */
public sealed interface SignedUrlDialect extends Dialect permits CloudFrontDialect, AkamaiDialect, BunnyDialect {

	/**
	 * What one mint gives.
	 *
	 * @param token the CDN's own token, where it has one (Akamai, bunny.net); null otherwise
	 * @param urls signed URLs by name ({@code url})
	 * @param cookies cookie name to value, for CDNs that take signed cookies; null otherwise
	 */
	record Signed(String token, Map<String, String> urls, Map<String, String> cookies) {
	}

	/** Signs the mint's video under the partner's origin; {@code key} is the set's ACTIVE key or secret. */
	Signed sign(Partner partner, Mint mint, RingKey key);

	/** The partner's origin, as {@link #checkSettings} stored it. */
	default CdnOrigin origin(Partner partner) {
		return CdnOrigin.parse(partner.settings().get(CdnOrigin.FIELD), platform());
	}

	/** A signed URL names one video: {@code audiences} and {@code downloadable} are JWT platforms' options. */
	@Override
	default void checkMint(Mint mint) {
		Dialect.refuseAudiences(mint, platform());
		Dialect.refuseDownloadable(mint, platform());
		Dialect.requireVideo(mint, platform() + " URLs are for one video's file or folder ({video} in the origin); name a video");
	}

	/** Never called: a CDN gets a signed URL, not a JWT ({@link #sign}). */
	@Override
	default Map<String, Object> claims(Partner partner, Mint mint) {
		throw new IllegalStateException(platform() + " partners get signed URLs, not JWTs");
	}

	/** No token of a CDN comes back to our decisions. */
	@Override
	default String boundVideo(Partner partner, Map<String, Object> claims) {
		return null;
	}

	/**
	 * The checked origin, refusing (400 {@code invalid-settings}) any setting but it and the
	 * dialect's {@code extra} ones, which the dialect checks itself.
	 */
	static Map<String, String> originAnd(Map<String, String> settings, String platform, Set<String> extra) {
		Map<String, String> checked = new LinkedHashMap<>();
		checked.put(CdnOrigin.FIELD, CdnOrigin.parse(settings.get(CdnOrigin.FIELD), platform).template());
		settings.forEach((name, value) -> {
			if (!CdnOrigin.FIELD.equals(name) && !extra.contains(name)) {
				throw ApiProblemException.badRequest("invalid-settings", platform + " partners have the settings "
						+ CdnOrigin.FIELD + (extra.isEmpty() ? "" : " and " + String.join(", ", extra)) + " (got '" + name + "')");
			}
		});
		return checked;
	}

	/**
	 * The one IP address a CDN token can be locked to, from {@code allow.ips} (a /32 or /128 written
	 * as its address); more than one entry is 400 {@code rule-not-supported} (the CDN checks one).
	 */
	static String oneIp(AllowRules rules, String platform) {
		if (rules.ips().isEmpty()) {
			return null;
		}
		if (rules.ips().size() > 1) {
			throw ApiProblemException.badRequest("rule-not-supported",
					platform + " locks a URL to one IP address: give allow.ips a single entry");
		}
		String ip = rules.ips().get(0);
		boolean v6 = ip.indexOf(':') >= 0;
		return ip.endsWith(v6 ? "/128" : "/32") ? ip.substring(0, ip.indexOf('/')) : ip;
	}
}
