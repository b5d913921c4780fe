package dev.ticketbooth.playback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.entitlements.Access;
import dev.ticketbooth.entitlements.EntitlementCache;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.keys.JwsSigner;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.NoActiveKeyException;
import dev.ticketbooth.keys.RingKey;
import dev.ticketbooth.partners.AllowRules;
import dev.ticketbooth.partners.Dialect;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.partners.SignedUrlDialect;
import dev.ticketbooth.users.EndUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Mints playback tokens after checking the entitlement; the partner's {@link Dialect} says what
 * goes in them. Stateless:
 * nothing is written; the signing key comes from the in-memory ring.
 */
@Service
public class PlaybackTokens {

	private final Partners partners;

	private final RecentViewers viewers;

	private final Catalog catalog;

	private final Entitlements entitlements;

	private final EntitlementCache entitlementCache;

	private final KeyRing ring;

	private final Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	/** By profile and algorithm: the registry's look-up builds and sorts the tags on every call. */
	private final Map<String, io.micrometer.core.instrument.Counter> minted = new java.util.concurrent.ConcurrentHashMap<>();

	PlaybackTokens(Partners partners, RecentViewers viewers, Catalog catalog, Entitlements entitlements,
			EntitlementCache entitlementCache, KeyRing ring, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
		this.entitlementCache = entitlementCache;
		this.meters = meters;
		this.partners = partners;
		this.viewers = viewers;
		this.catalog = catalog;
		this.entitlements = entitlements;
		this.ring = ring;
		this.clock = clock;
	}

	public PlaybackToken mint(PlaybackTokenRequest request) {
		if (request == null || blank(request.partner()) || blank(request.user())) {
			throw ApiProblemException.badRequest("invalid-request", "partner and user are required");
		}
		Partner partner = partners.find(request.partner())
			.orElseThrow(() -> ApiProblemException.badRequest("unknown-partner", "No partner '" + request.partner() + "'"));
		EndUser user = viewers.findByUsername(request.user())
			.orElseThrow(() -> ApiProblemException.badRequest("unknown-user", "No user named '" + request.user() + "'"));
		String video = blank(request.video()) ? null : request.video();
		if (video != null && catalog.findVideo(video).isEmpty()) {
			throw ApiProblemException.badRequest("unknown-video", "No video '" + video + "'");
		}
		Dialect dialect = partner.dialect();
		dialect.mintingRefusal().ifPresent(why -> {
			throw ApiProblemException.badRequest("unsupported-profile", why);
		});
		if (video == null && !partner.libraryTokens()) {
			throw ApiProblemException.badRequest("video-required",
					"Partner '" + partner.id() + "' does not issue library-wide tokens; name a video");
		}
		Duration ttl = ttl(request.ttl(), partner);
		PlaybackTokenRequest.Allow allow = request.allow();
		AllowRules rules = allow == null ? AllowRules.NONE : AllowRules.of(allow.ips(), allow.origins(), allow.countries());
		dialect.checkRules(rules);
		dialect.checkMint(new Dialect.Mint(null, video, null, null, null, rules, request.audiences(), request.downloadable(),
				null, null));

		Instant checkedAt = clock.instant();
		// per video through the decision cache: a change on this node applies at once, on another within its TTL
		Access access = video == null ? entitlements.mayWatchSomething(user, checkedAt)
				: entitlementCache.mayWatch(user, video, checkedAt);
		if (!access.allowed()) {
			throw new ApiProblemException(HttpStatus.FORBIDDEN, access.reason(),
					"User '" + user.username() + "' may not watch " + (video == null ? "any video" : "'" + video + "'") + ": "
							+ access.reason());
		}
		Instant now = checkedAt.truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
		Instant expiresAt = now.plus(ttl);
		if (access.allowedUntil() != null && access.allowedUntil().isBefore(expiresAt)) {
			// a token never outlives the grant it was minted on (Vidbeo has no callback to ask again)
			expiresAt = access.allowedUntil().truncatedTo(ChronoUnit.SECONDS);
		}
		RingKey key = signingKey(partner);
		Dialect.Mint mint = new Dialect.Mint(user.id(), video, UUID.randomUUID().toString(), now, expiresAt, rules,
				request.audiences(), request.downloadable(), access.streamCount(), access.quality(), user.tokenRevocations());
		if (dialect instanceof SignedUrlDialect cdn) {
			// a signed URL instead of a JWT, from the same decision and lifetime
			SignedUrlDialect.Signed signed = cdn.sign(partner, mint, key);
			count(partner, key);
			return new PlaybackToken(signed.token(), expiresAt, signed.urls(), null, signed.cookies());
		}
		Map<String, String> tokens = new LinkedHashMap<>();
		String kid = dialect.headerKid(key);
		dialect.tokens(partner, mint, key).forEach((name, claims) -> tokens.put(name,
				JwsSigner.sign(key, kid, dialect.signedUnder(kid, claims))));
		String token = tokens.values().iterator().next();
		count(partner, key);
		return new PlaybackToken(token, expiresAt, dialect.urls(partner, video, tokens),
				tokens.containsKey(Dialect.TOKEN) ? null : tokens);
	}

	private void count(Partner partner, RingKey key) {
		minted.computeIfAbsent(partner.profile().wireName() + " " + key.algorithm().name(), name -> meters
			.counter("ticketbooth.tokens.minted", "profile", partner.profile().wireName(), "algorithm",
					key.algorithm().name()))
			.increment();
	}

	private RingKey signingKey(Partner partner) {
		try {
			return ring.active(partner.keySet(), partner.algorithm());
		}
		catch (NoActiveKeyException ex) {
			throw new ApiProblemException(HttpStatus.CONFLICT, "no-signing-key",
					"Key set '" + partner.keySet() + "' of partner '" + partner.id() + "' has no ACTIVE " + partner.algorithm().name() + " key");
		}
	}

	private static Duration ttl(Long seconds, Partner partner) {
		if (seconds == null) {
			return partner.defaultLifetime();
		}
		if (seconds < 1 || seconds > partner.maxLifetime().toSeconds()) {
			throw ApiProblemException.badRequest("invalid-ttl",
					"ttl must be 1 to " + partner.maxLifetime().toSeconds() + " seconds for partner '" + partner.id() + "'");
		}
		return Duration.ofSeconds(seconds);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
