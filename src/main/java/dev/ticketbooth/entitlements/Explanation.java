package dev.ticketbooth.entitlements;

import java.util.List;

/**
 * Why user U may or may not watch video V: the answer, every check with pass or fail, the
 * collections holding the video, and the grant or role that allows it (or would).
 *
 * @param holding the collections holding the video, with those enclosing them (a season's series)
 * @param allowedBy the grant or role that allows it now, or null
 * @param wouldAllow when denied: what would allow it (a grant on the video or one of those
 *     collections, or a role one of them carries)
 */
public record Explanation(Access access, List<Check> checks, List<String> holding, String allowedBy,
		List<String> wouldAllow) {

	public Explanation {
		checks = List.copyOf(checks);
		holding = List.copyOf(holding);
		wouldAllow = List.copyOf(wouldAllow);
	}

	/** The first check that fails, in the decision's order: the reason a decision would deny with; null when none fails. */
	public Check firstFailure() {
		return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAIL).findFirst().orElse(null);
	}

	/** The same explanation with more checks after these (the decision service adds the partner's). */
	public Explanation withChecks(List<Check> before, List<Check> after) {
		List<Check> all = new java.util.ArrayList<>(before);
		all.addAll(checks);
		all.addAll(after);
		return new Explanation(access, all, holding, allowedBy, wouldAllow);
	}
}
