package dev.ticketbooth.partners;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Which partner governs a token whose signature and times checked out. It must use the signing
 * key's set; when the token names a partner ({@code azp}, as our StreamAMG and Kinescope tokens
 * do) it must be that one, so a token minted for one partner never passes for another on a shared
 * set; and the token must carry its issuer and audience (Vidbeo tokens carry neither: the key
 * alone names their partner). A partner calling back with its credentials is the only candidate.
 */
@Component
public class PartnerMatching {

	/** What a token failed to match, in the order the checks run. */
	public enum Mismatch {

		/** No partner that could be meant (the caller, the one named, or any) uses the signing key's set. */
		KEY_SET,

		/** The token names ({@code azp}) a partner other than the ones using the key's set. */
		AUTHORIZED_PARTY,

		/** No partner using the key's set has the token's issuer. */
		ISSUER,

		/** None of those with its issuer has the token's audience. */
		AUDIENCE
	}

	/** The partner a token belongs to, or what it failed to match. */
	public record Match(Partner partner, Mismatch mismatch) {

		static Match of(Partner partner) {
			return new Match(partner, null);
		}

		static Match none(Mismatch mismatch) {
			return new Match(null, mismatch);
		}
	}

	private final Partners partners;

	PartnerMatching(Partners partners) {
		this.partners = partners;
	}

	/**
	 * @param keySet the set of the key that signed the token
	 * @param claims the token's verified claims
	 * @param caller the partner whose callback credentials came with the token, or null
	 */
	public Match match(String keySet, Map<String, Object> claims, Partner caller) {
		return match(keySet, claims, candidates(claims, caller));
	}

	/** Who might be meant: the caller; else the partner the token names (one look-up by id, not a scan); else all. */
	private List<Partner> candidates(Map<String, Object> claims, Partner caller) {
		if (caller != null) {
			return List.of(caller);
		}
		if (claims.get("azp") instanceof String partnerId) {
			return partners.find(partnerId).stream().toList();
		}
		return partners.list();
	}

	/** Which of the candidates the token belongs to. */
	static Match match(String keySet, Map<String, Object> claims, List<Partner> candidates) {
		List<Partner> sameSet = candidates.stream().filter(p -> p.keySet().equals(keySet)).toList();
		if (claims.get("azp") instanceof String partnerId) {
			sameSet = sameSet.stream().filter(p -> p.id().equals(partnerId)).toList();
			if (sameSet.isEmpty()) {
				return Match.none(Mismatch.AUTHORIZED_PARTY);
			}
		}
		if (sameSet.isEmpty()) {
			return Match.none(Mismatch.KEY_SET);
		}
		List<Partner> byIssuer = sameSet.stream()
			.filter(p -> !p.dialect().checksIssuerAndAudience() || p.issuer().equals(claims.get("iss")))
			.toList();
		if (byIssuer.isEmpty()) {
			return Match.none(Mismatch.ISSUER);
		}
		Optional<Partner> partner = byIssuer.stream()
			.filter(p -> !p.dialect().checksIssuerAndAudience() || audienceContains(claims.get("aud"), p.audience()))
			.findFirst();
		return partner.map(Match::of).orElseGet(() -> Match.none(Mismatch.AUDIENCE));
	}

	private static boolean audienceContains(Object aud, String expected) {
		if (expected == null) {
			return false;
		}
		if (aud instanceof String single) {
			return single.equals(expected);
		}
		return aud instanceof Collection<?> many && many.contains(expected);
	}
}
