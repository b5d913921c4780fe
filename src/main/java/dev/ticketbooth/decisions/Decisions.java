package dev.ticketbooth.decisions;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ticketbooth.entitlements.Access;
import dev.ticketbooth.entitlements.EntitlementCache;
import dev.ticketbooth.geo.CountryLookup;
import dev.ticketbooth.geo.IpAddresses;
import dev.ticketbooth.partners.AllowRules;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * "May this token play this video?" Every check must pass, in this order: the token (see
 * {@link TokenVerifier}); the user exists and is enabled; the video exists; a current grant
 * covers it; the token is bound to this video when it names one; the token's and the partner's
 * IP, country and origin rules; the partner's time windows. A token issued before its user's
 * tokens were revoked is denied right after the user is found. An allow then goes past
 * {@link AdmissionControl} (single use, viewer sessions). Each deny names its reason, is counted,
 * logged and recorded for the console ({@link RecentDenials}), always without the token.
 */
@Service
public class Decisions {

	private static final Logger log = LoggerFactory.getLogger(Decisions.class);

	private final TokenVerifier verifier;

	private final EndUsers users;

	private final EntitlementCache entitlements;

	private final CountryLookup countries;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ObjectProvider<AdmissionControl> admissions;

	private final RecentDenials denials;

	/** The registry's own look-up builds and sorts the tags on every call; reasons and channels are few. */
	private record CounterKey(boolean allow, String reason, String channel) {
	}

	private final Map<CounterKey, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

	Decisions(TokenVerifier verifier, EndUsers users, EntitlementCache entitlements, CountryLookup countries,
			MeterRegistry meters, Clock clock, ObjectProvider<AdmissionControl> admissions, RecentDenials denials) {
		this.admissions = admissions;
		this.denials = denials;
		this.verifier = verifier;
		this.users = users;
		this.entitlements = entitlements;
		this.countries = countries;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * @param caller the partner whose credentials the call came with, or null (decision API)
	 * @param channel {@code kinescope} or {@code api}, for metrics and logs
	 */
	Decision decide(DecisionRequest request, Partner caller, String channel) {
		Checked checked = evaluate(request, caller, clock.instant());
		Decision decision = checked.decision();
		AdmissionControl control = admissions.getIfAvailable();
		if (decision.allow() && control != null) {
			String refused = control.admit(checked.admission());
			if (refused != null) {
				decision = deny(refused, decision.user(), decision.video(), decision.partner());
			}
		}
		count(decision, checked.userId(), request, channel);
		return decision;
	}

	/**
	 * The same checks for the sessions API, which admits an allowed playback itself; a missing
	 * {@code video} is the one the token is bound to.
	 *
	 * @throws dev.ticketbooth.config.ApiProblemException 400 {@code missing-field} for no video when the token names none
	 */
	public Checked check(String token, String video, String ip, String origin, String userAgent) {
		Instant now = clock.instant();
		if (video == null) {
			VerifiedToken verified = verifier.verify(token, null, now);
			video = verified.valid() ? verified.partner().dialect().boundVideo(verified.partner(), verified.claims()) : null;
			if (video == null && verified.valid()) {
				throw dev.ticketbooth.config.ApiProblemException.badRequest("missing-field",
						"The field 'video' is required: the token names no video");
			}
			if (video == null) {
				video = "";
			}
		}
		DecisionRequest request = new DecisionRequest(token, video, ip, origin, userAgent);
		Checked checked = evaluate(request, null, now);
		count(checked.decision(), checked.userId(), request, "session");
		return checked;
	}

	private void count(Decision decision, String userId, DecisionRequest request, String channel) {
		counters.computeIfAbsent(new CounterKey(decision.allow(), decision.reason(), channel), key -> Counter
			.builder("ticketbooth.decisions").description("Playback decisions by outcome and reason")
			.tag("outcome", key.allow() ? "allow" : "deny").tag("reason", key.reason()).tag("channel", key.channel())
			.register(meters)).increment();
		if (!decision.allow()) {
			log.info("Denied playback ({}): reason={} user={} video={} partner={}", channel, decision.reason(),
					decision.user(), request.video(), decision.partner() == null ? "-" : decision.partner());
			denials.record(decision.partner(), request.video(), userId, decision.reason(), channel);
		}
	}

	private Checked evaluate(DecisionRequest request, Partner caller, Instant now) {
		String video = request.video();
		Map<String, Object> claims;
		Partner partner;
		EndUser user;
		if (caller != null && caller.allowPlainUserIds() && !request.token().contains(".")) {
			// insecure opt-in: the token is a bare user id (or username), nothing to verify
			partner = caller;
			claims = Map.of();
			user = users.findById(request.token()).or(() -> users.findByUsername(request.token())).orElse(null);
		}
		else {
			VerifiedToken token = verifier.verify(request.token(), caller, now);
			if (!token.valid()) {
				return denied(token.denyReason(), null, null, video, token.partner() != null ? token.partner() : caller);
			}
			partner = token.partner();
			claims = token.claims();
			user = partner.dialect().userId(claims).flatMap(users::findById).orElse(null);
		}
		boolean viewerless = user == null && partner.dialect().decidesWithoutViewer()
				&& partner.dialect().userId(claims).isEmpty();
		if (user == null && !viewerless) {
			return denied(Access.UNKNOWN_USER, null, null, video, partner);
		}
		String username = user == null ? null : user.username();
		String userId = user == null ? null : user.id();
		boolean plain = claims.isEmpty();
		if (user != null && user.tokensRevokedAt() != null && !plain
				&& partner.dialect().issuedBefore(claims, user.tokensRevokedAt(), user.tokenRevocations())) {
			return denied(Reason.TOKEN_REVOKED, username, userId, video, partner);
		}
		Access access = null;
		if (user != null) {
			access = entitlements.mayWatch(user, video, now);
			if (!access.allowed()) {
				return denied(access.reason(), username, userId, video, partner);
			}
		}
		String boundVideo = partner.dialect().boundVideo(partner, claims);
		if (boundVideo != null && !boundVideo.equals(video)) {
			return denied(Reason.VIDEO_MISMATCH, username, userId, video, partner);
		}
		AllowRules tokenRules = partner.dialect().tokenRules(claims);
		Optional<String> denied = ipAndCountry(tokenRules, request.ip())
			.or(() -> ipAndCountry(partner.rules().allow(), request.ip()))
			.or(() -> origin(tokenRules, request.origin()))
			.or(() -> origin(partner.rules().allow(), request.origin()));
		if (denied.isPresent()) {
			return denied(denied.get(), username, userId, video, partner);
		}
		if (!partner.rules().allowsAt(now)) {
			return denied(Reason.OUTSIDE_TIME_WINDOW, username, userId, video, partner);
		}
		return new Checked(new Decision(true, Reason.ALLOWED, username, video, partner.id()), new Admission(partner, user,
				access == null ? null : access.streamCount(), request.token(), claims, video, now), userId);
	}

	Optional<String> ipAndCountry(AllowRules rules, String ip) {
		if (rules.ips().isEmpty() && rules.countries().isEmpty()) {
			return Optional.empty();
		}
		Optional<InetAddress> address = IpAddresses.parse(ip);
		if (!rules.ips().isEmpty()) {
			boolean inside = address.isPresent() && rules.ips().stream().map(IpAddresses::parseRange)
				.flatMap(Optional::stream).anyMatch(range -> range.contains(address.get()));
			if (!inside) {
				return Optional.of(Reason.IP_NOT_ALLOWED);
			}
		}
		if (!rules.countries().isEmpty()) {
			if (!countries.available()) {
				return Optional.of(Reason.GEO_UNAVAILABLE); // fail closed: no database, no country rule passes
			}
			Optional<String> country = address.flatMap(countries::country);
			if (country.isEmpty() || !rules.countries().contains(country.get())) {
				return Optional.of(Reason.COUNTRY_NOT_ALLOWED);
			}
		}
		return Optional.empty();
	}

	/** Origins can only be checked when the caller tells us one; Kinescope never does. */
	static Optional<String> origin(AllowRules rules, String origin) {
		if (rules.origins().isEmpty() || origin == null || origin.isBlank()) {
			return Optional.empty();
		}
		String normalised;
		try {
			normalised = AllowRules.of(null, List.of(origin), null).origins().get(0);
		}
		catch (RuntimeException ex) {
			return Optional.of(Reason.ORIGIN_NOT_ALLOWED);
		}
		return rules.origins().contains(normalised) ? Optional.empty() : Optional.of(Reason.ORIGIN_NOT_ALLOWED);
	}

	private static Decision deny(String reason, String user, String video, String partner) {
		return new Decision(false, reason, user, video, partner);
	}

	private static Checked denied(String reason, String username, String userId, String video, Partner partner) {
		return new Checked(deny(reason, username, video, partner == null ? null : partner.id()), null, userId);
	}
}
