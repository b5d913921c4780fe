package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ticketbooth.Jose;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.partners.PartnerProfile;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static dev.ticketbooth.playback.PlaybackApi.assertCreated;
import static dev.ticketbooth.playback.PlaybackApi.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brightcove Playback Rights tokens over HTTP: RS256 checked by npm's jose with the public PEM the
 * user registers in Brightcove, the claims of Brightcove's "create a JSON web token" page, the
 * refusals (allow rules, settings, lifetimes) and decisions on them.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrightcoveTokenTests {

	final String s = Viewers.suffix();

	/** Bought with a limit of two concurrent streams (the token's {@code climit}). */
	final String v1 = "bc1-" + s;

	/** Bought without a stream limit. */
	final String v2 = "bc2-" + s;

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	EndUser user;

	String kid;

	@BeforeAll
	void setUp() throws Exception {
		api = fixture.api();
		fixture.videos(v1, v2);
		user = fixture.viewer("bc-viewer-" + s);
		fixture.grant(new GrantRequest(user.username(), null, v1, "purchase", null, 2, null, null, null));
		fixture.purchase(user, v2);
		kid = fixture.keySet("bc-" + s, KeyAlgorithm.RS256);
		HttpResponse<String> recorded = api.adminPatch("/api/admin/keys/" + kid,
				"{\"partner_key_id\":\"bc-key-" + s + "\"}");
		assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
		assertCreated(createPartner("bc-" + s, Map.of("key_set", "bc-" + s, "max_lifetime_seconds", 7200, "settings",
				Map.of("accid", "6415818950001", "maxip", 3, "prid", "b2a9c1d0-rights-" + s))));
		fixture.keySet("bc-lib-" + s, KeyAlgorithm.RS256);
		assertCreated(createPartner("bc-lib-" + s, Map.of("key_set", "bc-lib-" + s, "library_tokens", true, "settings",
				Map.of("accid", "1234567890"))));
	}

	@Test
	void tokensCarryBrightcovesClaimsAndVerifyWithTheRegisteredPublicKey() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "bc-" + s, "user", user.username(), "video", v1, "ttl", 7200));
		String token = (String) minted.get("token");
		Map<String, Object> seen = Jose.verifyWithSpki(api.publicPem(kid), token, "RS256", fixture.now());
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		// Brightcove picks the key itself and ignores the header's kid; ours finds the key for our decisions
		assertThat(map(seen.get("header"))).containsOnlyKeys("alg", "typ", "kid").containsEntry("alg", "RS256")
			.containsEntry("typ", "JWT").containsEntry("kid", kid);
		Map<String, Object> payload = map(seen.get("payload"));
		assertThat(payload).containsOnlyKeys("accid", "conid", "uid", "climit", "maxip", "prid", "pkid", "iat", "nbf", "exp")
			.containsEntry("accid", "6415818950001").containsEntry("conid", v1).containsEntry("uid", user.id())
			.containsEntry("climit", 2L).containsEntry("maxip", 3L).containsEntry("prid", "b2a9c1d0-rights-" + s)
			.containsEntry("pkid", "bc-key-" + s);
		long iat = ((Number) payload.get("iat")).longValue();
		assertThat(((Number) payload.get("nbf")).longValue()).isEqualTo(iat);
		assertThat(((Number) payload.get("exp")).longValue() - iat).isEqualTo(7200);
		assertThat(map(minted.get("urls"))).isEmpty();
		assertThat(Jose.verifyWithJwks(fixture.http().url("/.well-known/jwks.json"), token, null, null))
			.as("the set is not published: Brightcove holds the public key").containsEntry("verified", false);
	}

	@Test
	void aTokenWithoutAVideoIsForLibraryPartnersOnlyAndNamesNoKeyBrightcoveDoesNotKnow() throws Exception {
		assertProblem(api.post(Map.of("partner", "bc-" + s, "user", user.username())), 400, "video-required");
		String token = (String) api.mint(Map.of("partner", "bc-lib-" + s, "user", user.username())).get("token");
		Map<String, Object> seen = Jose.verifyWithSpki(api.publicPem(fixture.activeKid("bc-lib-" + s, KeyAlgorithm.RS256)),
				token, "RS256", fixture.now());
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("payload"))).containsOnlyKeys("accid", "uid", "iat", "nbf", "exp")
			.containsEntry("accid", "1234567890");
		assertThat(api.decide(token, v1)).containsEntry("allow", true).containsEntry("reason", "allowed");
		assertThat(api.decide(token, v2)).containsEntry("allow", true);
	}

	@Test
	void decisionsAllowTheTokenForItsVideoOnly() throws Exception {
		String token = (String) api.mint(Map.of("partner", "bc-" + s, "user", user.username(), "video", v1)).get("token");
		assertThat(api.decide(token, v1)).containsEntry("allow", true).containsEntry("reason", "allowed")
			.containsEntry("user", user.username());
		assertThat(api.decide(token, v2)).containsEntry("allow", false).containsEntry("reason", "video-mismatch");
	}

	@Test
	void allowRulesAndOtherPlatformsOptionsAreRefused() {
		for (Map<String, Object> allow : List.<Map<String, Object>>of(Map.of("ips", List.of("203.0.113.7")),
				Map.of("origins", List.of("https://www.example.com")), Map.of("countries", List.of("GB")))) {
			assertProblem(api.post(Map.of("partner", "bc-" + s, "user", user.username(), "video", v1, "allow", allow)), 400,
					"rule-not-supported");
		}
		assertProblem(api.post(Map.of("partner", "bc-" + s, "user", user.username(), "video", v1, "audiences", List.of("v"))),
				400, "invalid-request");
		assertProblem(api.post(Map.of("partner", "bc-" + s, "user", user.username(), "video", v1, "downloadable", true)), 400,
				"invalid-request");
	}

	@Test
	void settingsNeedAnAccountAndTakeOnlyBrightcovesOwn() {
		assertProblem(createPartner("bc-none-" + s, Map.of()), 400, "invalid-settings");
		for (Map<String, Object> settings : List.<Map<String, Object>>of(Map.of("maxip", 3),
				Map.of("accid", "acct-123"), Map.of("accid", ""), Map.of("accid", "123", "maxip", 0),
				Map.of("accid", "123", "maxip", "many"), Map.of("accid", "123", "prid", "has space"),
				Map.of("accid", "123", "pkid", "x"))) {
			assertProblem(createPartner("bc-bad-" + s, Map.of("settings", settings)), 400, "invalid-settings");
		}
		assertProblem(api.adminGet("/api/admin/partners/bc-bad-" + s), 404, "unknown-partner");
		assertProblem(createPartner("bc-es-" + s, Map.of("algorithm", "ES256", "settings", Map.of("accid", "123"))), 400,
				"invalid-algorithm");
		assertProblem(createPartner("bc-rules-" + s, Map.of("claim_names", Map.of("entry", "conid"), "settings",
				Map.of("accid", "123"))), 400, "invalid-claim-names");
	}

	@Test
	void lifetimesStayWithinThePartnersAndBrightcovesCaps() {
		assertThat(PartnerProfile.BRIGHTCOVE.dialect().maxLifetime()).as("exp at most 30 days after iat")
			.contains(Duration.ofDays(30));
		assertProblem(api.post(Map.of("partner", "bc-" + s, "user", user.username(), "video", v1, "ttl", 7201)), 400,
				"invalid-ttl");
		assertProblem(createPartner("bc-long-" + s, Map.of("max_lifetime_seconds", Duration.ofDays(31).toSeconds(),
				"settings", Map.of("accid", "123"))), 400, "invalid-lifetime");
	}

	private HttpResponse<String> createPartner(String id, Map<String, Object> fields) {
		Map<String, Object> body = new HashMap<>(fields);
		body.put("id", id);
		body.put("profile", "brightcove");
		return api.createPartner(body);
	}
}
