package dev.ticketbooth.decisions;

import java.time.Instant;
import java.util.Map;

import dev.ticketbooth.keys.JwsVerifier;
import dev.ticketbooth.keys.RingKey;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerMatching;

import org.springframework.stereotype.Component;

/**
 * Verifies our own playback tokens for a decision: the signature by {@link JwsVerifier} (which
 * takes nothing in the token on trust; its acceptances remembered per key-ring generation by
 * {@link VerifiedSignatures}), {@code exp} and {@code nbf} with the leeway, and the
 * partner the token belongs to ({@link PartnerMatching}: the key's set, {@code azp}, issuer and
 * audience as the partner's dialect requires). Each refusal is a decision reason.
 */
@Component
class TokenVerifier {

	private final VerifiedSignatures jws;

	private final PartnerMatching matching;

	private final DecisionProperties properties;

	TokenVerifier(VerifiedSignatures jws, PartnerMatching matching, DecisionProperties properties) {
		this.jws = jws;
		this.matching = matching;
		this.properties = properties;
	}

	/**
	 * @param caller the partner that called us (Kinescope, by its Basic credentials), or null when
	 *     the partner is found from the key's set and the token's audience
	 */
	VerifiedToken verify(String token, Partner caller, Instant now) {
		if (token.length() > properties.maxTokenLength()) {
			return VerifiedToken.deny(Reason.TOKEN_TOO_LARGE);
		}
		JwsVerifier.Verified verified = jws.verify(token, caller == null ? null : caller.keySet());
		if (!verified.valid()) {
			return VerifiedToken.deny(switch (verified.failure()) {
				case MALFORMED -> Reason.MALFORMED_TOKEN;
				case ALGORITHM_NOT_ALLOWED -> Reason.ALG_NOT_ALLOWED;
				case UNTRUSTED_HEADER -> Reason.UNTRUSTED_HEADER;
				case UNKNOWN_KEY -> Reason.UNKNOWN_KID;
				case KEY_REVOKED -> Reason.KEY_REVOKED;
				case BAD_SIGNATURE -> Reason.BAD_SIGNATURE;
			});
		}
		Map<String, Object> claims = verified.claims();
		Long exp = seconds(claims.get("exp"));
		if (exp == null) {
			return VerifiedToken.deny(Reason.MALFORMED_TOKEN);
		}
		long leeway = properties.leeway().toSeconds();
		if (now.getEpochSecond() >= exp + leeway) {
			return VerifiedToken.deny(Reason.TOKEN_EXPIRED, matching.match(verified.key().keySet(), claims, caller).partner());
		}
		Long nbf = seconds(claims.get("nbf"));
		if (claims.containsKey("nbf") && (nbf == null || now.getEpochSecond() + leeway < nbf)) {
			return VerifiedToken.deny(Reason.TOKEN_NOT_YET_VALID,
					matching.match(verified.key().keySet(), claims, caller).partner());
		}
		return matchPartner(verified.key(), claims, caller);
	}

	/** The partner the token belongs to (see {@link PartnerMatching}), or the deny reason for its mismatch. */
	private VerifiedToken matchPartner(RingKey key, Map<String, Object> claims, Partner caller) {
		PartnerMatching.Match match = matching.match(key.keySet(), claims, caller);
		if (match.partner() != null) {
			return new VerifiedToken(match.partner(), claims, null);
		}
		return VerifiedToken.deny(switch (match.mismatch()) {
			case KEY_SET -> Reason.UNKNOWN_KID;
			case AUTHORIZED_PARTY, AUDIENCE -> Reason.WRONG_AUDIENCE;
			case ISSUER -> Reason.WRONG_ISSUER;
		});
	}

	private static Long seconds(Object value) {
		return value instanceof Number number && number.doubleValue() == Math.floor(number.doubleValue())
				? number.longValue() : null;
	}
}
