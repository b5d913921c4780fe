package dev.ticketbooth.decisions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ticketbooth.entitlements.Check;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.entitlements.Explanation;
import dev.ticketbooth.partners.AllowRules;
import dev.ticketbooth.partners.Partner;

import org.springframework.stereotype.Service;

/**
 * "Why can't U watch V (through partner P, from address A)": every check {@link Decisions} runs, in
 * its order and with its reason codes. The token's own checks need the viewer's token and are
 * named as not run; the user and entitlement checks are {@link Entitlements#explain}; the
 * partner's rules run through the decision's own rule code.
 */
@Service
public class DecisionExplanations {

	private final Entitlements entitlements;

	private final Decisions decisions;

	DecisionExplanations(Entitlements entitlements, Decisions decisions) {
		this.entitlements = entitlements;
		this.decisions = decisions;
	}

	/**
	 * @param partner the partner whose rules apply, or null (its checks are then not run)
	 * @param ip the viewer's address, or null
	 * @param origin the page's origin, or null
	 */
	public Explanation explain(String username, String video, Partner partner, String ip, String origin, Instant at) {
		List<Check> token = new ArrayList<>();
		for (String reason : List.of(Reason.MALFORMED_TOKEN, Reason.TOKEN_TOO_LARGE, Reason.ALG_NOT_ALLOWED,
				Reason.UNTRUSTED_HEADER, Reason.UNKNOWN_KID, Reason.KEY_REVOKED, Reason.BAD_SIGNATURE, Reason.TOKEN_EXPIRED,
				Reason.TOKEN_NOT_YET_VALID, Reason.WRONG_ISSUER, Reason.WRONG_AUDIENCE)) {
			token.add(Check.notRun(reason, "needs the viewer's token"));
		}
		List<Check> after = new ArrayList<>();
		// the decision runs this right after finding the user; it needs the token's iat
		after.add(Check.notRun(Reason.TOKEN_REVOKED, "needs the viewer's token (issued before the user's last revocation?)"));
		after.add(Check.notRun(Reason.VIDEO_MISMATCH, "needs the viewer's token (the video it is bound to)"));
		if (partner == null) {
			for (String reason : List.of(Reason.IP_NOT_ALLOWED, Reason.COUNTRY_NOT_ALLOWED, Reason.ORIGIN_NOT_ALLOWED,
					Reason.OUTSIDE_TIME_WINDOW)) {
				after.add(Check.notRun(reason, "choose a partner to check its rules"));
			}
		}
		else {
			AllowRules rules = partner.rules().allow();
			after.add(addressRule(Reason.IP_NOT_ALLOWED, rules.ips(), new AllowRules(rules.ips(), List.of(), List.of()), ip));
			after.add(addressRule(Reason.COUNTRY_NOT_ALLOWED, rules.countries(),
					new AllowRules(List.of(), List.of(), rules.countries()), ip));
			if (rules.origins().isEmpty()) {
				after.add(Check.pass(Reason.ORIGIN_NOT_ALLOWED, "partner " + partner.id() + " has no origin rule"));
			}
			else if (origin == null || origin.isBlank()) {
				after.add(Check.notRun(Reason.ORIGIN_NOT_ALLOWED, "allowed origins " + rules.origins() + "; give an origin"));
			}
			else {
				Optional<String> denied = Decisions.origin(rules, origin);
				after.add(Check.of(denied.isEmpty(), Reason.ORIGIN_NOT_ALLOWED, origin + " against " + rules.origins()));
			}
			boolean inWindow = partner.rules().allowsAt(at);
			after.add(Check.of(inWindow, Reason.OUTSIDE_TIME_WINDOW, partner.rules().windows().isEmpty()
					? "partner " + partner.id() + " has no time windows"
					: (inWindow ? "now is inside one of " : "now is outside every one of ") + partner.rules().windows().size()
							+ " time window(s)"));
		}
		admission(partner, after);
		return entitlements.explain(username, video, at).withChecks(token, after);
	}

	/** What an allowed playback must still pass (AdmissionControl): single use, and the session limits. */
	private static void admission(Partner partner, List<Check> after) {
		if (partner == null) {
			for (String reason : List.of(Reason.TOKEN_ALREADY_USED, Reason.STREAM_LIMIT, Reason.DEVICE_LIMIT)) {
				after.add(Check.notRun(reason, "choose a partner to check its limits"));
			}
			return;
		}
		var limits = partner.viewerLimits();
		after.add(limits.singleUse() ? Check.notRun(Reason.TOKEN_ALREADY_USED, "needs the viewer's token: partner "
				+ partner.id() + " accepts each token once")
				: Check.pass(Reason.TOKEN_ALREADY_USED, "partner " + partner.id() + " accepts a token more than once"));
		after.add(Check.notRun(Reason.STREAM_LIMIT, "counted when a session opens: the grant's stream_count, else "
				+ (limits.maxStreams() == null ? "no partner limit" : limits.maxStreams() + " (" + limits.streamLimitPolicy()
						+ ")") + "; the user's page lists live sessions"));
		after.add(limits.maxDevices() == null ? Check.pass(Reason.DEVICE_LIMIT, "partner " + partner.id()
				+ " does not limit devices")
				: Check.notRun(Reason.DEVICE_LIMIT, "counted when a session names its device: at most "
						+ limits.maxDevices() + "; the user's page lists devices"));
	}

	private Check addressRule(String reason, List<String> values, AllowRules only, String ip) {
		if (values.isEmpty()) {
			return Check.pass(reason, "no such rule");
		}
		if (ip == null || ip.isBlank()) {
			return Check.notRun(reason, "rule " + values + "; give the viewer's IP address");
		}
		Optional<String> denied = decisions.ipAndCountry(only, ip.trim());
		return denied.map(r -> Check.fail(r, ip + " against " + values)).orElseGet(() -> Check.pass(reason, ip + " against " + values));
	}
}
