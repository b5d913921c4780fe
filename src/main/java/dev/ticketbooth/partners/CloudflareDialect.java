package dev.ticketbooth.partners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * Cloudflare Stream signed URLs: RS256 from a key made by Cloudflare's {@code /stream/keys} and
 * imported here, which Cloudflare knows by its own id (header and payload {@code kid}); {@code sub}
 * is the video uid; {@code nbf}, {@code exp} (at most 24 h ahead), {@code downloadable} when the
 * mint says it, and the allow rules as {@code accessRules}. No issuer, audience or viewer: the
 * entitlement is checked at mint. The token replaces the video uid in the partner's
 * {@code customer-<code>.cloudflarestream.com} URLs.
 */
public final class CloudflareDialect implements VideoSubjectDialect {

	/** The partner setting naming the customer subdomain. */
	public static final String CUSTOMER_CODE = "customer_code";

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,64}");

	/** "Cannot be greater than 24 hours in the future from when the token is signed." */
	private static final Duration MAX_LIFETIME = Duration.ofHours(24);

	private static final String IP = "ip.src";

	private static final String COUNTRY = "ip.geoip.country";

	/** The last rule, making the others an allow-list: without it a token no rule matches is valid. */
	private static final Map<String, Object> BLOCK_THE_REST = Map.of("type", "any", "action", "block");

	@Override
	public String platform() {
		return "Cloudflare Stream";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256);
	}

	@Override
	public Optional<Duration> maxLifetime() {
		return Optional.of(MAX_LIFETIME);
	}

	@Override
	public Map<String, String> checkSettings(Map<String, String> settings) {
		String code = settings.get(CUSTOMER_CODE);
		if (code == null || !CODE.matcher(code).matches() || settings.size() != 1) {
			throw ApiProblemException.badRequest("invalid-settings", "Cloudflare Stream partners have one setting, "
					+ CUSTOMER_CODE + ": the letters and digits of customer-<code>.cloudflarestream.com (got "
					+ settings.keySet() + ")");
		}
		return Map.of(CUSTOMER_CODE, code.toLowerCase(Locale.ROOT));
	}

	@Override
	public Map<String, String> defaultUrls(Map<String, String> settings) {
		String base = "https://customer-" + settings.get(CUSTOMER_CODE) + ".cloudflarestream.com/{token}";
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("hls", base + "/manifest/video.m3u8");
		urls.put("dash", base + "/manifest/video.mpd");
		urls.put("iframe", base + "/iframe");
		return urls;
	}

	/** Cloudflare finds the public key by the id it assigned, in the header. */
	@Override
	public String headerKid(RingKey key) {
		return VendorKeyDialect.assignedKid(key, "Cloudflare key id",
				"import the key /stream/keys returned with its id as partner_key_id, or record the id");
	}

	/** Every Cloudflare example repeats the header's key id in the payload. */
	@Override
	public Map<String, Object> signedUnder(String headerKid, Map<String, Object> claims) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("sub", claims.get("sub"));
		all.put("kid", headerKid); // in the vendor's order: sub, kid, exp, nbf...
		all.putAll(claims);
		return all;
	}

	@Override
	public Set<String> expressibleRules() {
		return Set.of("ips", "countries");
	}

	/**
	 * Besides origins (an embed-domain setting of the video, not a token claim): ips and countries
	 * together. Cloudflare's rules are first-match, so two allow rules would let in a viewer who
	 * passes either, where ours must pass both.
	 */
	@Override
	public void checkRules(AllowRules rules) {
		VideoSubjectDialect.super.checkRules(rules);
		if (!rules.ips().isEmpty() && !rules.countries().isEmpty()) {
			throw ApiProblemException.badRequest("rule-not-supported", "Cloudflare Stream access rules are first-match: "
					+ "allow.ips and allow.countries together would let in a viewer who passes either; use one of them");
		}
	}

	@Override
	public void checkMint(Mint mint) {
		Dialect.refuseAudiences(mint, platform());
		Dialect.requireVideo(mint, "A Cloudflare Stream token names one video uid (sub); name a video");
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", mint.video());
		claims.put("exp", mint.expiresAt().getEpochSecond());
		claims.put("nbf", mint.issuedAt().getEpochSecond());
		if (mint.downloadable() != null) {
			claims.put("downloadable", mint.downloadable());
		}
		if (!mint.rules().isEmpty()) {
			claims.put("accessRules", accessRules(mint.rules()));
		}
		return claims;
	}

	private static List<Map<String, Object>> accessRules(AllowRules rules) {
		List<Map<String, Object>> list = new ArrayList<>();
		if (!rules.ips().isEmpty()) {
			list.add(rule(IP, "ip", rules.ips()));
		}
		if (!rules.countries().isEmpty()) {
			list.add(rule(COUNTRY, "country", rules.countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList()));
		}
		list.add(BLOCK_THE_REST);
		return list;
	}

	private static Map<String, Object> rule(String type, String field, List<String> values) {
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("type", type);
		rule.put(field, values);
		rule.put("action", "allow");
		return rule;
	}

	/**
	 * The allow-list this dialect writes: allow rules on IPs or countries, then any/block. Without
	 * the closing block nothing is restricted (Cloudflare: a token no rule matches is valid); any
	 * other list restricts to nothing, as we cannot say what Cloudflare would let through.
	 */
	@Override
	public AllowRules tokenRules(Map<String, Object> claims) {
		if (!(claims.get("accessRules") instanceof List<?> list) || list.isEmpty()) {
			return AllowRules.NONE;
		}
		List<String> ips = new ArrayList<>();
		List<String> countries = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> rule)) {
				return AllowRules.NOTHING;
			}
			boolean last = i == list.size() - 1;
			if (last && "any".equals(rule.get("type")) && "block".equals(rule.get("action"))) {
				try {
					return AllowRules.of(ips, null, countries); // both kinds: ours must both pass, stricter than Cloudflare
				}
				catch (RuntimeException ex) {
					return AllowRules.NOTHING;
				}
			}
			if (!"allow".equals(rule.get("action"))) {
				return AllowRules.NOTHING;
			}
			if (IP.equals(rule.get("type")) && rule.get("ip") instanceof List<?> values) {
				values.forEach(v -> ips.add(String.valueOf(v)));
			}
			else if (COUNTRY.equals(rule.get("type")) && rule.get("country") instanceof List<?> values) {
				values.forEach(v -> countries.add(String.valueOf(v)));
			}
			else {
				return AllowRules.NOTHING;
			}
		}
		return AllowRules.NONE; // allow rules only: a viewer none of them matches still plays
	}
}
