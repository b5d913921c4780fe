package dev.ticketbooth.partners;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;

/**
 * StreamAMG full mode: verified against our JWKS; {@code iss}, {@code aud}, {@code sub},
 * {@code jti}, and the customer, session and entry under names the partner may choose
 * ({@code customer_id}, {@code session_id}, {@code entry_id} by default).
 */
public final class StreamAmgDialect implements Dialect {

	/** The claims a partner may rename, with their default names. */
	private static final Map<String, String> CLAIM_ROLES = Map.of("customer", "customer_id", "session", "session_id", "entry",
			"entry_id");

	/**
	 * Claims the token sets itself: the registered claims of RFC 7519 §4.1, {@code azp} and the
	 * {@code access} rules. A role renamed to one of these would overwrite it with a value the
	 * caller chose (the entry is the requested video), so only StreamAMG's own example is allowed:
	 * {@code customer} as {@code sub} and {@code session} as {@code jti}, which carry the very same values.
	 */
	private static final Set<String> OWN_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "azp", "access");

	private static final Map<String, String> SAME_VALUE_CLAIMS = Map.of("customer", "sub", "session", "jti");

	private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]{0,99}");

	@Override
	public String platform() {
		return "StreamAMG";
	}

	@Override
	public Set<KeyAlgorithm> algorithms() {
		return Set.of(KeyAlgorithm.RS256, KeyAlgorithm.ES256);
	}

	@Override
	public String defaultAudience() {
		return "playback.streamamg.com";
	}

	@Override
	public Map<String, String> checkClaimNames(Map<String, String> names) {
		if (names == null) {
			return Map.of();
		}
		names.forEach((role, name) -> {
			if (!CLAIM_ROLES.containsKey(role) || name == null || !CLAIM_NAME.matcher(name).matches()) {
				throw ApiProblemException.badRequest("invalid-claim-names",
						"claim_names maps customer, session and entry to claim names");
			}
			if (OWN_CLAIMS.contains(name) && !name.equals(SAME_VALUE_CLAIMS.get(role))) {
				throw ApiProblemException.badRequest("invalid-claim-names", "claim_names may not map " + role + " to '" + name
						+ "': the token sets that claim itself (only customer may be sub, and session jti)");
			}
		});
		Set<String> effective = new HashSet<>();
		CLAIM_ROLES.forEach((role, fallback) -> {
			if (!effective.add(names.getOrDefault(role, fallback))) {
				throw ApiProblemException.badRequest("invalid-claim-names", "claim_names maps two of customer, session and "
						+ "entry (counting their defaults customer_id, session_id, entry_id) to one claim name");
			}
		});
		return names;
	}

	@Override
	public Map<String, Object> claims(Partner partner, Mint mint) {
		Map<String, Object> claims = Dialect.identity(partner, mint);
		claims.put(entryName(partner, "customer"), mint.userId());
		claims.put(entryName(partner, "session"), mint.jti());
		if (mint.video() != null) {
			claims.put(entryName(partner, "entry"), mint.video());
		}
		return Dialect.withTimesAndRules(claims, mint);
	}

	@Override
	public String boundVideo(Partner partner, Map<String, Object> claims) {
		return Dialect.string(claims.get(entryName(partner, "entry")));
	}

	private static String entryName(Partner partner, String role) {
		return partner.claimNames().getOrDefault(role, CLAIM_ROLES.get(role));
	}
}
