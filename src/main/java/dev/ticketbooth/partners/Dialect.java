package dev.ticketbooth.partners;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/**
 * Everything one video platform says about its tokens, in one place: which algorithms it
 * verifies, which {@code kid} it expects in the header (ours or the id it assigned), the claims of
 * a playback token, the user and video a token is bound to, whether issuer and audience are
 * checked when we verify one, its player URLs, the allow rules it can express and where it calls
 * us back. Minting, decisions and verification ask the dialect; none of them names a platform. A
 * new platform is one more implementation.
 */
public sealed interface Dialect
		permits StreamAmgDialect, KinescopeDialect, VimondDialect, VendorKeyDialect, SignedUrlDialect {

	/**
	 * What a playback token is minted from, once the entitlement was checked.
	 *
	 * @param audiences which tokens to mint, for platforms with one token per use (Mux); null: the default
	 * @param downloadable whether the platform may offer a download (Cloudflare); null: not said
	 * @param streamCount the allowing grant's concurrent-stream count, if it has one
	 * @param quality the allowing grant's quality ({@code sd}, {@code hd}, {@code fhd}, {@code 4k}), if it has one
	 * @param tokenRevocations how many times the user's tokens were revoked (a version for platforms that count them)
	 */
	record Mint(String userId, String video, String jti, Instant issuedAt, Instant expiresAt, AllowRules rules,
			List<String> audiences, Boolean downloadable, Integer streamCount, String quality, int tokenRevocations) {

		public Mint(String userId, String video, String jti, Instant issuedAt, Instant expiresAt, AllowRules rules,
				List<String> audiences, Boolean downloadable, Integer streamCount, String quality) {
			this(userId, video, jti, issuedAt, expiresAt, rules, audiences, downloadable, streamCount, quality, 0);
		}

		public Mint(String userId, String video, String jti, Instant issuedAt, Instant expiresAt, AllowRules rules) {
			this(userId, video, jti, issuedAt, expiresAt, rules, null, null, null, null);
		}
	}

	/** The name of the one token a mint gives, for platforms that do not name their tokens. */
	String TOKEN = "token";

	/** The platform's name for people: "Vidbeo", "StreamAMG". */
	String platform();

	/** Algorithms the platform verifies. */
	Set<KeyAlgorithm> algorithms();

	/** Why this platform gets no playback tokens from us, if it gets none. */
	default Optional<String> mintingRefusal() {
		return Optional.empty();
	}

	/** The audience a partner gets when it names none (null: none). */
	default String defaultAudience() {
		return null;
	}

	/**
	 * Player URLs with {@code {video}} and {@code {token}} (or {@code {token.<name>}}), unless the
	 * partner sets its own; they may depend on the partner's settings.
	 */
	default Map<String, String> defaultUrls(Map<String, String> settings) {
		return Map.of();
	}

	/** The settings a partner of this platform has, checked and normalised (400 {@code invalid-settings}). */
	default Map<String, String> checkSettings(Map<String, String> settings) {
		if (!settings.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-settings",
					platform() + " partners have no settings (got " + settings.keySet() + ")");
		}
		return Map.of();
	}

	/** Refuses mint options the platform does not have (400 {@code invalid-request}). */
	default void checkMint(Mint mint) {
		refuseAudiences(mint, platform());
		refuseDownloadable(mint, platform());
	}

	/** For platforms whose tokens have one audience: {@code audiences} is refused. */
	static void refuseAudiences(Mint mint, String platform) {
		if (mint.audiences() != null) {
			throw ApiProblemException.badRequest("invalid-request", "audiences: " + platform + " tokens have one audience");
		}
	}

	/** For platforms whose tokens cannot allow downloads: {@code downloadable} is refused. */
	static void refuseDownloadable(Mint mint, String platform) {
		if (mint.downloadable() != null) {
			throw ApiProblemException.badRequest("invalid-request",
					"downloadable: " + platform + " tokens cannot say whether a download is allowed");
		}
	}

	/** The paths where the platform calls us back with a partner's credentials, or null. */
	default String callbackPaths() {
		return null;
	}

	/**
	 * Refuses claim renames the platform does not have (400 {@code invalid-claim-names}); only
	 * StreamAMG has any.
	 */
	default Map<String, String> checkClaimNames(Map<String, String> names) {
		if (names != null && !names.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-claim-names",
					platform() + " tokens have no claims to rename (claim_names is for StreamAMG partners)");
		}
		return Map.of();
	}

	/**
	 * Whether the platform fetches our JWKS. One that does not knows our key only by the id it
	 * assigned (recorded as the key's {@code partner_key_id}): its partners' key sets are then not
	 * rotated while the NEXT key has no such id, unless forced.
	 */
	default boolean readsOurJwks() {
		return true;
	}

	/**
	 * How many public keys the platform holds per account or region (Brightcove, IVS: 3), if it
	 * caps them; the console warns when a set its partners use holds more NEXT, ACTIVE and RETIRED
	 * keys than that.
	 */
	default OptionalInt vendorKeyLimit() {
		return OptionalInt.empty();
	}

	/** The header {@code kid}: ours, unless the platform knows the key only by the id it assigned. */
	default String headerKid(RingKey key) {
		return key.kid();
	}

	/** The kinds of allow rule ({@code ips}, {@code origins}, {@code countries}) the platform's tokens can carry. */
	default Set<String> expressibleRules() {
		return Set.of("ips", "origins", "countries");
	}

	/**
	 * Refuses a mint whose allow rules the platform cannot express (400 {@code rule-not-supported}):
	 * a rule silently dropped would be an access-control hole.
	 */
	default void checkRules(AllowRules rules) {
		Map<String, Boolean> asked = Map.of("ips", !rules.ips().isEmpty(), "origins", !rules.origins().isEmpty(),
				"countries", !rules.countries().isEmpty());
		asked.forEach((kind, present) -> {
			if (present && !expressibleRules().contains(kind)) {
				throw ApiProblemException.badRequest("rule-not-supported",
						platform() + " tokens cannot carry allow." + kind + "; leave it out or use a partner rule");
			}
		});
	}

	/** The claims of a playback token for this partner. */
	Map<String, Object> claims(Partner partner, Mint mint);

	/**
	 * Every token one mint gives, by name, the first being the one answered as {@code token}.
	 * Most platforms take one ({@link #TOKEN}); Mux takes one per use (video, thumbnail...).
	 */
	default Map<String, Map<String, Object>> tokens(Partner partner, Mint mint) {
		return Map.of(TOKEN, claims(partner, mint));
	}

	/**
	 * The same, for platforms whose claims name the signing key (Brightcove's {@code pkid}: the id
	 * it gave the key); the rest ignore the key.
	 */
	default Map<String, Map<String, Object>> tokens(Partner partner, Mint mint, RingKey signingKey) {
		return tokens(partner, mint);
	}

	/**
	 * The partner's player URLs for these tokens: {@code {video}} (URL-encoded), {@code {token}} (the
	 * first) and {@code {token.<name>}}; a URL that needs a video or a token the mint did not give is
	 * left out.
	 */
	default Map<String, String> urls(Partner partner, String video, Map<String, String> tokens) {
		Map<String, String> urls = new LinkedHashMap<>();
		String first = tokens.values().iterator().next();
		partner.urlTemplates().forEach((name, template) -> {
			String url = template.replace("{token}", first);
			for (Map.Entry<String, String> token : tokens.entrySet()) {
				url = url.replace("{token." + token.getKey() + "}", token.getValue());
			}
			if (url.contains("{token.") || (video == null && url.contains("{video}"))) {
				return;
			}
			urls.put(name, url.replace("{video}",
					video == null ? "" : URLEncoder.encode(video, StandardCharsets.UTF_8)));
		});
		return urls;
	}

	/**
	 * The claims as signed under the header {@code kid} (as {@link #headerKid} gave it): unchanged,
	 * unless the platform repeats the key id in the payload (Cloudflare).
	 */
	default Map<String, Object> signedUnder(String headerKid, Map<String, Object> claims) {
		return claims;
	}

	/**
	 * The allow rules a verified token carries, which a decision checks: by default our
	 * {@code access.allow} claim, unless the platform writes its rules in claims of its own (IVS:
	 * its allowed origins; Cloudflare: {@code accessRules}). Rules that do not parse restrict to
	 * nothing ({@link AllowRules#NOTHING}; our own signed rules always parse).
	 */
	default AllowRules tokenRules(Map<String, Object> claims) {
		if (!(claims.get("access") instanceof Map<?, ?> access) || !(access.get("allow") instanceof Map<?, ?> allow)) {
			return AllowRules.NONE;
		}
		try {
			return AllowRules.of(strings(allow.get("ips")), strings(allow.get("origins")), strings(allow.get("countries")));
		}
		catch (RuntimeException ex) {
			return AllowRules.NOTHING;
		}
	}

	private static List<String> strings(Object value) {
		return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
	}

	/** Whether a token must carry the partner's issuer and audience (false: the key alone names the partner). */
	default boolean checksIssuerAndAudience() {
		return true;
	}

	/** The end user a verified token speaks for (our user id), if the platform's tokens name one. */
	default Optional<String> userId(Map<String, Object> claims) {
		return claims.get("sub") instanceof String sub ? Optional.of(sub) : Optional.empty();
	}

	/**
	 * Whether a verified token was issued before its user's tokens were revoked (at
	 * {@code revokedAt}, for the {@code revocations}th time). By {@code iat}, else {@code nbf}, in
	 * whole seconds: a token issued in the second of the revocation counts as earlier. A token with
	 * neither counts as earlier too (fail closed).
	 */
	default boolean issuedBefore(Map<String, Object> claims, Instant revokedAt, int revocations) {
		Object issued = claims.get("iat") instanceof Number ? claims.get("iat") : claims.get("nbf");
		if (!(issued instanceof Number seconds)) {
			return true;
		}
		return !Instant.ofEpochSecond(seconds.longValue()).isAfter(revokedAt);
	}

	/**
	 * Whether a decision may allow a token of this platform that names no viewer (Mux, Cloudflare:
	 * their tokens have no room for one). Such a decision checks the token, the video it is bound
	 * to and the partner's rules; the entitlement was checked when the token was minted, and the
	 * token never outlives the grant it was minted on.
	 */
	default boolean decidesWithoutViewer() {
		return false;
	}

	/** The longest token the platform accepts, if it caps lifetimes (IVS: 10 minutes with a viewer id). */
	default Optional<Duration> maxLifetime() {
		return Optional.empty();
	}

	/** The video a verified token is limited to, or null for a library-wide token. */
	String boundVideo(Partner partner, Map<String, Object> claims);

	/** The times and, when there are any, the {@code access.allow} rules every dialect of today adds last. */
	static Map<String, Object> withTimesAndRules(Map<String, Object> claims, Mint mint) {
		Map<String, Object> all = new LinkedHashMap<>(claims);
		all.put("iat", mint.issuedAt().getEpochSecond());
		all.put("exp", mint.expiresAt().getEpochSecond());
		if (!mint.rules().isEmpty()) {
			all.put("access", mint.rules().claim());
		}
		return all;
	}

	/**
	 * {@code iss}, {@code aud}, {@code sub} (our user id), {@code azp} (the partner whose rules
	 * govern the token, so it never passes for another on a shared key set) and {@code jti}: the
	 * start of every token verified through our JWKS or our callback.
	 */
	static Map<String, Object> identity(Partner partner, Mint mint) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", partner.issuer());
		claims.put("aud", partner.audience());
		claims.put("sub", mint.userId());
		claims.put("azp", partner.id());
		claims.put("jti", mint.jti());
		return claims;
	}

	/**
	 * Refuses a mint without a video (400 {@code video-required}), for platforms whose tokens name
	 * one; {@code why} says so in the platform's words.
	 */
	static void requireVideo(Mint mint, String why) {
		if (mint.video() == null) {
			throw ApiProblemException.badRequest("video-required", why);
		}
	}

	static String string(Object value) {
		return value instanceof String s ? s : null;
	}
}
