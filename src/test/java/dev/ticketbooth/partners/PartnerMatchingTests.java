package dev.ticketbooth.partners;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.partners.PartnerMatching.Match;
import dev.ticketbooth.partners.PartnerMatching.Mismatch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which partner a verified token belongs to: key set, then azp, issuer and audience. */
class PartnerMatchingTests {

	private static final String ISSUER = "https://tickets.example.com";

	private static final Partner KINESCOPE = partner("kin", PartnerProfile.KINESCOPE, "shared", "kinescope");

	private static final Partner STREAMAMG = partner("amg", PartnerProfile.STREAMAMG, "shared", "playback.streamamg.com");

	private static final Partner VIDBEO = partner("vid", PartnerProfile.VIDBEO, "vidbeo-set", null);

	private static final List<Partner> ALL = List.of(KINESCOPE, STREAMAMG, VIDBEO);

	private static Partner partner(String id, PartnerProfile profile, String keySet, String audience) {
		return new Partner(id, profile, keySet, KeyAlgorithm.RS256, ISSUER, audience, Duration.ofHours(1),
				Duration.ofHours(1), Map.of(), Map.of(), true, null, false, PartnerRules.NONE, Instant.EPOCH);
	}

	private static Map<String, Object> claims(Object... pairs) {
		Map<String, Object> claims = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			claims.put((String) pairs[i], pairs[i + 1]);
		}
		return claims;
	}

	@Test
	void theAudienceTellsApartPartnersThatShareAKeySetAndIssuer() {
		assertThat(PartnerMatching.match("shared", claims("iss", ISSUER, "aud", "kinescope"), ALL))
			.isEqualTo(Match.of(KINESCOPE));
		assertThat(PartnerMatching.match("shared", claims("iss", ISSUER, "aud", List.of("x", "playback.streamamg.com")), ALL))
			.isEqualTo(Match.of(STREAMAMG));
		assertThat(PartnerMatching.match("shared", claims("iss", ISSUER, "aud", "elsewhere"), ALL))
			.isEqualTo(Match.none(Mismatch.AUDIENCE));
	}

	@Test
	void aTokenNamingAPartnerBelongsToThatOneOnly() {
		assertThat(PartnerMatching.match("shared", claims("azp", "amg", "iss", ISSUER, "aud", "playback.streamamg.com"), ALL))
			.isEqualTo(Match.of(STREAMAMG));
		assertThat(PartnerMatching.match("shared", claims("azp", "amg", "iss", ISSUER, "aud", "kinescope"), ALL))
			.as("another partner's audience").isEqualTo(Match.none(Mismatch.AUDIENCE));
		assertThat(PartnerMatching.match("shared", claims("azp", "vid", "iss", ISSUER, "aud", "kinescope"), ALL))
			.as("a partner on another key set").isEqualTo(Match.none(Mismatch.AUTHORIZED_PARTY));
		assertThat(PartnerMatching.match("shared", claims("azp", "amg", "iss", ISSUER, "aud", "kinescope"), List.of(KINESCOPE)))
			.as("a caller other than the partner named").isEqualTo(Match.none(Mismatch.AUTHORIZED_PARTY));
	}

	@Test
	void theKeySetAndIssuerComeFirst() {
		assertThat(PartnerMatching.match("unused-set", claims("iss", ISSUER, "aud", "kinescope"), ALL))
			.isEqualTo(Match.none(Mismatch.KEY_SET));
		assertThat(PartnerMatching.match("shared", claims("iss", "https://evil.example.com", "aud", "kinescope"), ALL))
			.isEqualTo(Match.none(Mismatch.ISSUER));
	}

	@Test
	void vidbeoTokensAreKnownByTheirKeyAlone() {
		assertThat(PartnerMatching.match("vidbeo-set", claims("sub", "video-1"), ALL)).isEqualTo(Match.of(VIDBEO));
	}
}
