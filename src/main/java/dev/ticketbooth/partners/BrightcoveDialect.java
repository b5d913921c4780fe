package dev.ticketbooth.partners;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * Brightcove Playback Rights: RS256 only ("No other JWT algorithms will be supported"), verified
 * with a public key registered in the account's Playback Rights key API, which picks the key
 * itself (its sample header has no {@code kid}; we keep ours so our own verifier finds the key).
 * Claims as its "create a JSON web token" page names them: {@code accid} (the partner's account,
 * required), {@code conid} (the video), {@code iat}, {@code nbf}, {@code exp} (at most 30 days
 * after {@code iat}), {@code uid} (our user id), {@code climit} (the grant's stream count),
 * {@code maxip} and {@code prid} from the partner's settings, and {@code pkid} (Brightcove's id of
 * the key). Geo, IP and domain rules live in Brightcove's Playback Rights objects, not in tokens,
 * so no allow rule can be expressed; no issuer or audience of ours either.
 */
public final class BrightcoveDialect implements VendorKeyDialect {

	/** The account's Video Cloud id: digits. */
	static final String ACCOUNT = "accid";

	/** The most distinct IPs a token may be used from (HLSe session tracking). */
	static final String MAX_IPS = "maxip";

	/** A Playback Rights id that overrides the video's own (validated with {@code prid_restriction}). */
	static final String PLAYBACK_RIGHTS = "prid";

	private static final Set<String> SETTINGS = Set.of(ACCOUNT, MAX_IPS, PLAYBACK_RIGHTS);

	private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,20}");

	private static final Pattern RIGHTS_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

	/** "Must be no more than 30 days from iat." */
	private static final Duration MAX_LIFETIME = Duration.ofDays(30);

	@Override
	public String platform() {
		return "Brightcove";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256);
	}

	@Override
	public Map<String, String> checkSettings(Map<String, String> settings) {
		settings.keySet().stream().filter(name -> !SETTINGS.contains(name)).findFirst().ifPresent(name -> {
			throw ApiProblemException.badRequest("invalid-settings",
					"Brightcove partners have the settings accid, maxip and prid (got '" + name + "')");
		});
		String account = settings.get(ACCOUNT);
		if (account == null || !ACCOUNT_ID.matcher(account.trim()).matches()) {
			throw ApiProblemException.badRequest("invalid-settings",
					"settings.accid is required: the Brightcove account id (digits) that owns the videos");
		}
		Map<String, String> checked = new LinkedHashMap<>();
		checked.put(ACCOUNT, account.trim());
		String maxIps = settings.get(MAX_IPS);
		if (maxIps != null) {
			checked.put(MAX_IPS, String.valueOf(positive(maxIps.trim())));
		}
		String rights = settings.get(PLAYBACK_RIGHTS);
		if (rights != null) {
			if (!RIGHTS_ID.matcher(rights.trim()).matches()) {
				throw ApiProblemException.badRequest("invalid-settings",
						"settings.prid is a Brightcove Playback Rights id: 1-128 letters, digits and . _ : -");
			}
			checked.put(PLAYBACK_RIGHTS, rights.trim());
		}
		return Map.copyOf(checked);
	}

	private static int positive(String value) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed > 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw ApiProblemException.badRequest("invalid-settings", "settings.maxip is a positive integer (got '" + value + "')");
	}

	/** Geo, IP and domain rules are Playback Rights objects in Brightcove; its tokens have no claim for them. */
	@Override
	public Set<String> expressibleRules() {
		return Set.of();
	}

	@Override
	public Optional<Duration> maxLifetime() {
		return Optional.of(MAX_LIFETIME);
	}

	@Override
	public Map<String, Map<String, Object>> tokens(Partner partner, Mint mint, RingKey signingKey) {
		return Map.of(TOKEN, claims(partner, mint, signingKey.partnerKeyId()));
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		return claims(partner, mint, null);
	}

	private static Map<String, Object> claims(Partner partner, Mint mint, String brightcoveKeyId) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("accid", partner.settings().get(ACCOUNT));
		if (mint.video() != null) {
			claims.put("conid", mint.video()); // no conid: any video of the account (library_tokens partners)
		}
		claims.put("uid", mint.userId());
		if (mint.streamCount() != null) {
			claims.put("climit", mint.streamCount());
		}
		if (partner.settings().containsKey(MAX_IPS)) {
			claims.put("maxip", Integer.parseInt(partner.settings().get(MAX_IPS)));
		}
		if (partner.settings().containsKey(PLAYBACK_RIGHTS)) {
			claims.put("prid", partner.settings().get(PLAYBACK_RIGHTS));
		}
		if (brightcoveKeyId != null) {
			claims.put("pkid", brightcoveKeyId);
		}
		claims.put("iat", mint.issuedAt().getEpochSecond());
		claims.put("nbf", mint.issuedAt().getEpochSecond());
		claims.put("exp", mint.expiresAt().getEpochSecond());
		return claims;
	}

	@Override
	public boolean checksIssuerAndAudience() {
		return false;
	}

	@Override
	public Optional<String> userId(Map<String, Object> claims) {
		return Optional.ofNullable(Dialect.string(claims.get("uid")));
	}

	@Override
	public String boundVideo(Partner partner, Map<String, Object> claims) {
		return Dialect.string(claims.get("conid"));
	}

	@Override
	public OptionalInt vendorKeyLimit() {
		return OptionalInt.of(3); // "A maximum of 3 keys may be registered at a time"
	}
}
