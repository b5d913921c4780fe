package dev.ticketbooth.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.decisions.Admission;
import dev.ticketbooth.decisions.AdmissionControl;
import dev.ticketbooth.decisions.Checked;
import dev.ticketbooth.decisions.DecisionProperties;
import dev.ticketbooth.decisions.Decisions;
import dev.ticketbooth.oidc.TokenHashes;
import dev.ticketbooth.partners.AllowRules;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUserLockedOut;
import dev.ticketbooth.users.EndUserTokensRevoked;
import dev.ticketbooth.users.EndUsers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Viewer sessions: started by players ({@code POST /api/v1/sessions}) or by allowed decisions
 * when a stream limit is in force, kept alive by heartbeats, ended by the player, by a newer
 * session ({@code kick-oldest}), by an operator, by revocation or by silence. Limits: streams per
 * user across partners (the grant's {@code stream_count}, else the partner's {@code max_streams}),
 * devices per user (the partner's {@code max_devices}), and single-use tokens.
 */
@Service
public class ViewerSessions implements AdmissionControl {

	private static final Pattern DEVICE = Pattern.compile("[\\x21-\\x7E]{1,128}");

	private final SessionStore store;

	private final Decisions decisions;

	private final EndUsers users;

	private final SessionProperties properties;

	private final DecisionProperties decisionProperties;

	private final SessionMetrics metrics;

	private final Clock clock;

	private final Partners partners;

	private final RecentRenewals renewals;

	ViewerSessions(SessionStore store, Decisions decisions, EndUsers users, Partners partners, SessionProperties properties,
			DecisionProperties decisionProperties, MeterRegistry meters, Clock clock) {
		this.partners = partners;
		this.store = store;
		this.decisions = decisions;
		this.users = users;
		this.properties = properties;
		this.decisionProperties = decisionProperties;
		this.metrics = new SessionMetrics(meters, store, clock);
		this.clock = clock;
		this.renewals = new RecentRenewals(decisionProperties.cacheTtl());
	}

	/** A started session: its id (given out this once) and when it ends without a heartbeat. */
	record Started(String id, Partner partner, Instant expiresAt) {
	}

	/**
	 * Checks the token exactly as a decision does, then the limits; 403 with the decision's reason,
	 * {@code token-already-used}, {@code stream-limit} or {@code device-limit}.
	 */
	Started start(String token, String video, String device, String ip, String origin, String userAgent) {
		if (device != null && !DEVICE.matcher(device).matches()) {
			throw ApiProblemException.badRequest("invalid-field", "The field 'device' is 1-128 printable ASCII characters");
		}
		Checked checked = decisions.check(token, video, ip, origin, userAgent);
		if (!checked.decision().allow()) {
			metrics.refused(checked.decision().reason());
			throw forbidden(checked.decision().reason());
		}
		Admission admission = checked.admission();
		if (admission.user() == null) { // Mux, Cloudflare: no viewer to count streams for
			metrics.refused("unknown-user");
			throw forbidden("unknown-user");
		}
		Partner partner = admission.partner();
		if (partner.viewerLimits().maxDevices() != null && device == null) {
			throw ApiProblemException.badRequest("missing-field",
					"The field 'device' is required: partner '" + partner.id() + "' limits devices");
		}
		String id = SessionIds.generate();
		Instant now = admission.now();
		Instant expiresAt = now.plus(properties.timeout());
		SessionStore.Outcome outcome = store.open(opening(admission, SessionIds.hash(id), device, "player", true, false,
				expiresAt));
		if (outcome.refusal() != null) {
			metrics.refused(outcome.refusal());
			throw forbidden(outcome.refusal());
		}
		if (outcome.kicked() > 0) {
			renewals.forgetAll();
		}
		metrics.started(partner.id(), "player", outcome.kicked());
		return new Started(id, partner, expiresAt);
	}

	/**
	 * For decisions: a single-use token is taken once, and while a stream limit is in force the
	 * allow opens a session for the token (or renews the one it opened), so a DRM licence renewal
	 * counts as a heartbeat where the player cannot send its own.
	 */
	@Override
	public String admit(Admission admission) {
		boolean singleUse = admission.partner().viewerLimits().singleUse();
		boolean open = admission.user() != null && admission.streamLimit() != null;
		if (!singleUse && !open) {
			return null;
		}
		boolean renewable = open && !singleUse;
		if (renewable && renewals.fresh(admission.user().id(), admission.token(), admission.now())) {
			return null; // renewed by a decision on this node within the cache period
		}
		Instant expiresAt = admission.now().plus(properties.timeout());
		SessionStore.Outcome outcome = store.open(opening(admission, SessionIds.hash(SessionIds.generate()), null,
				"decision", open, true, expiresAt));
		if (outcome.refusal() != null) {
			metrics.refused(outcome.refusal());
			return outcome.refusal();
		}
		if (outcome.kicked() > 0) {
			renewals.forgetAll();
		}
		if (renewable) {
			renewals.renewed(admission.user().id(), admission.token(), admission.now());
		}
		if (open) {
			metrics.started(admission.partner().id(), "decision", outcome.kicked());
		}
		return null;
	}

	private SessionStore.Opening opening(Admission admission, String idHash, String device, String openedBy, boolean open,
			boolean renewSameToken, Instant expiresAt) {
		Partner partner = admission.partner();
		boolean singleUse = partner.viewerLimits().singleUse();
		Instant tokenExpiry = admission.expiresAt() == null ? admission.now() : admission.expiresAt();
		String userId = admission.user() == null ? null : admission.user().id();
		return new SessionStore.Opening(idHash, userId, partner.id(), TokenHashes.hash(admission.token()),
				admission.video(), device, openedBy, singleUse ? singleUseKey(admission) : null,
				tokenExpiry.plus(decisionProperties.leeway()), open, renewSameToken, admission.streamLimit(),
				partner.viewerLimits().kicksOldest(), partner.viewerLimits().maxDevices(),
				partner.viewerLimits().deviceSlotCooldown(), admission.now(), expiresAt);
	}

	/** By {@code jti} within the partner; a token without one (Mux) by its own hash. */
	private static String singleUseKey(Admission admission) {
		Object jti = admission.claims().get("jti");
		return jti instanceof String text ? TokenHashes.hash(admission.partner().id() + "\n" + text)
				: TokenHashes.hash(admission.token());
	}

	/** 200 with the new expiry, or 410 {@code session-ended} with why (404 for an id never seen or long gone). */
	Instant heartbeat(String id) {
		if (!SessionIds.wellFormed(id)) {
			throw unknownSession();
		}
		Instant now = clock.instant();
		SessionStore.Beat beat = store.heartbeat(SessionIds.hash(id), now, now.plus(properties.timeout()));
		if (beat.expiresAt() != null) {
			return beat.expiresAt();
		}
		if (beat.endReason() == null) {
			throw unknownSession();
		}
		throw new ApiProblemException(HttpStatus.GONE, "session-ended", "The session ended: " + beat.endReason(),
				Map.of("reason", beat.endReason()));
	}

	/**
	 * Whether a browser at {@code origin} may read the answers about this session: the session's
	 * partner allows the origin (a partner without origin rules allows any).
	 */
	boolean originAllowed(String id, String origin) {
		if (!SessionIds.wellFormed(id)) {
			return false;
		}
		List<String> allowed = store.partnerOf(SessionIds.hash(id)).flatMap(partners::find)
			.map(partner -> partner.rules().allow().origins()).orElse(null);
		if (allowed == null) {
			return false;
		}
		if (allowed.isEmpty()) {
			return true;
		}
		try {
			return allowed.contains(AllowRules.of(null, List.of(origin), null).origins().get(0));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The player ends its session; nothing to say about an unknown or ended one. */
	void stop(String id) {
		if (SessionIds.wellFormed(id)) {
			store.end(SessionIds.hash(id), SessionEnd.STOPPED, clock.instant());
			renewals.forgetAll();
		}
	}

	/** An operator ends one session (by its handle, or its id); its next heartbeat gets 410 {@code kicked}. */
	public void kick(String idOrHandle) {
		if (idOrHandle == null || idOrHandle.length() > 100
				|| !store.end(SessionIds.handle(idOrHandle), SessionEnd.KICKED, clock.instant())) {
			throw unknownSession();
		}
		renewals.forgetAll();
		metrics.kicked(1);
	}

	public List<LiveSession> live(String username) {
		return store.live(users.get(username).id(), clock.instant());
	}

	/** A device and when its slot frees (null while in use). */
	public record DeviceView(String device, Instant firstSeen, Instant lastSeen, Instant removedAt) {
	}

	public List<DeviceView> devices(String username) {
		return store.devices(users.get(username).id()).stream()
			.map(d -> new DeviceView(d.device(), d.firstSeen(), d.lastSeen(), d.removedAt())).toList();
	}

	public void removeDevice(String username, String device) {
		if (!store.removeDevice(users.get(username).id(), device, clock.instant())) {
			throw ApiProblemException.notFound("unknown-device", "User '" + username + "' has no device '" + device + "'");
		}
	}

	public Map<String, Long> liveByPartner() {
		return store.liveByPartner(clock.instant());
	}

	void cleanUp() {
		store.cleanUp(clock.instant(), properties.endedRetention(), Duration.ofDays(366));
	}

	/** Revocation ends the user's live sessions, in the revocation's transaction (database store). */
	@EventListener
	void onTokensRevoked(EndUserTokensRevoked event) {
		store.endAll(event.userId(), SessionEnd.REVOKED, clock.instant());
		renewals.forgetAll();
		metrics.revoked();
	}

	/** A disabled user's sessions end too; a deleted user's go with the row. */
	@EventListener
	void onLockedOut(EndUserLockedOut event) {
		if (!event.deleted()) {
			users.findByUsername(event.username()).map(EndUser::id)
				.ifPresent(userId -> store.endAll(userId, SessionEnd.REVOKED, clock.instant()));
			renewals.forgetAll();
		}
	}

	private static ApiProblemException forbidden(String reason) {
		return new ApiProblemException(HttpStatus.FORBIDDEN, reason, "No session: " + reason);
	}

	private static ApiProblemException unknownSession() {
		return ApiProblemException.notFound("unknown-session", "No such session");
	}
}
