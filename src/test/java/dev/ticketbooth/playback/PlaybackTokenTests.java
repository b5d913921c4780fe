package dev.ticketbooth.playback;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.Jose;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static dev.ticketbooth.playback.PlaybackApi.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/playback-tokens} per profile, each token checked by npm's jose the way the
 * platform checks it: against the live JWKS (StreamAMG, Kinescope) or the exported SPKI PEM (Vidbeo).
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybackTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	Catalog catalog;

	@Autowired
	EndUsers users;

	@Autowired
	Grants grants;

	@Autowired
	Partners partners;

	@Autowired
	KeyRotation keys;

	@Autowired
	KeyRing ring;

	@Autowired
	MutableClock clock;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@org.springframework.beans.factory.annotation.Value("${ticketbooth.decisions.cache-ttl:5s}")
	java.time.Duration cacheTtl;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	Http http;

	PlaybackApi api;

	String s;

	EndUser user;

	@BeforeAll
	void setUp() throws Exception {
		http = new Http(port);
		s = UUID.randomUUID().toString().substring(0, 8);
		catalog.createVideo("v1-" + s, "Lesson 1");
		catalog.createVideo("v2-" + s, "Lesson 2");
		catalog.createCollection("course-" + s, CollectionKind.COURSE, "Course", null, null);
		catalog.addVideos("course-" + s, List.of("v1-" + s));
		user = users.create("viewer-" + s, "long-enough-pw", true, true);
		grants.save(new GrantRequest(user.username(), "course-" + s, null, "subscription", null, null, null, null, null));
		partners.create(new PartnerRequest("streamamg-" + s, "streamamg", null, "https://tickets.example.com", null,
				null, null, null, Map.of("player", "https://player.example.com/{video}?jwt={token}"), null));
		partners.create(new PartnerRequest("kinescope-" + s, "kinescope", null, null, null, null, null, null, null,
				true));
		keys.createSet("vidbeo-" + s, List.of(KeyAlgorithm.RS256), false);
		partners.create(new PartnerRequest("vidbeo-" + s, "vidbeo", "vidbeo-" + s, null, null, null, 7200L, null,
				null, null));
		api = PlaybackApi.register(http, clients, passwordEncoder);
	}

	@Test
	void streamAmgTokensVerifyAgainstTheLiveJwksWithEveryClaim() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "streamamg-" + s, "user", user.username(), "video", "v1-" + s,
				"ttl", 600));
		String token = (String) minted.get("token");
		Map<String, Object> seen = Jose.verifyWithJwks(jwksUrl(), token, "https://tickets.example.com",
				"playback.streamamg.com");
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		Map<String, Object> header = map(seen.get("header"));
		Map<String, Object> payload = map(seen.get("payload"));
		assertThat(header).containsEntry("alg", "RS256").containsEntry("typ", "JWT")
			.containsEntry("kid", ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid());
		assertThat(payload).containsEntry("iss", "https://tickets.example.com").containsEntry("aud", "playback.streamamg.com")
			.containsEntry("sub", user.id()).containsEntry("azp", "streamamg-" + s).containsEntry("customer_id", user.id())
			.containsEntry("entry_id", "v1-" + s)
			.containsKeys("jti", "session_id", "iat", "exp");
		assertThat(payload.get("session_id")).isEqualTo(payload.get("jti"));
		long iat = ((Number) payload.get("iat")).longValue();
		assertThat(((Number) payload.get("exp")).longValue() - iat).isEqualTo(600);
		assertThat(Instant.parse((String) minted.get("expires_at")).getEpochSecond()).isEqualTo(iat + 600);
		assertThat(map(minted.get("urls"))).containsEntry("player", "https://player.example.com/v1-" + s + "?jwt=" + token);
		assertThat(http.send(http.admin("/actuator/prometheus")).body())
			.containsPattern("ticketbooth_tokens_minted_total\\{algorithm=\"RS256\",profile=\"streamamg\"} [1-9]");
	}

	@Test
	void streamAmgClaimNamesFollowThePartnersConfiguration() throws Exception {
		partners.create(new PartnerRequest("streamamg-named-" + s, "streamamg", null, null, "streamamg", null, null,
				Map.of("customer", "sub", "session", "jti", "entry", "asset_id"), null, null));
		String token = (String) api.mint(Map.of("partner", "streamamg-named-" + s, "user", user.username(), "video", "v1-" + s))
			.get("token");
		Map<String, Object> seen = Jose.verifyWithJwks(jwksUrl(), token, null, "streamamg");
		assertThat(seen).containsEntry("verified", true);
		assertThat(map(seen.get("payload"))).containsEntry("asset_id", "v1-" + s).containsEntry("sub", user.id())
			.doesNotContainKeys("entry_id", "customer_id", "session_id");
	}

	@Test
	void kinescopeTokensCarryTheAllowRulesAndAnEmbedUrl() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "kinescope-" + s, "user", user.username(), "video", "v1-" + s,
				"allow", Map.of("ips", List.of("10.1.2.3/8", "2001:0DB8:0:0:0:0:0:1", "203.0.113.9"), "countries",
						List.of("ES", "de"))));
		String token = (String) minted.get("token");
		Map<String, Object> seen = Jose.verifyWithJwks(jwksUrl(), token, "http://localhost:8080", "kinescope");
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		Map<String, Object> payload = map(seen.get("payload"));
		assertThat(payload).containsEntry("sub", user.id()).containsEntry("azp", "kinescope-" + s)
			.containsEntry("video", "v1-" + s).containsKeys("jti", "iat", "exp");
		assertThat(payload.get("access").toString()).contains("ips=[10.1.2.3/8, 2001:db8::1, 203.0.113.9]",
				"countries=[es, de]");
		assertThat(map(minted.get("urls"))).containsEntry("embed",
				"https://kinescope.io/embed/v1-" + s + "?drmauthtoken=" + token);

		Map<String, Object> library = api.mint(Map.of("partner", "kinescope-" + s, "user", user.username()));
		assertThat(map(Jose.verifyWithJwks(jwksUrl(), (String) library.get("token"), null, "kinescope").get("payload")))
			.doesNotContainKey("video");
		assertThat(map(library.get("urls"))).isEmpty();
	}

	@Test
	void aPartnerMayAskForEs256TokensFromASetThatHoldsEs256Keys() throws Exception {
		keys.createSet("es-" + s, List.of(KeyAlgorithm.RS256, KeyAlgorithm.ES256), true);
		partners.create(new PartnerRequest("kinescope-es-" + s, "kinescope", "es-" + s, null, null, null, null,
				null, null, null, null, null, null, null, "ES256"));
		String token = (String) api.mint(Map.of("partner", "kinescope-es-" + s, "user", user.username(), "video", "v1-" + s))
			.get("token");
		String kid = ring.active("es-" + s, KeyAlgorithm.ES256).kid();
		String pem = api.publicPem(kid);
		Map<String, Object> seen = Jose.verifyWithSpki(pem, token, "ES256");
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("header"))).containsEntry("alg", "ES256").containsEntry("kid", kid);
		assertThat(Jose.verifyWithSpki(pem, token, "RS256")).as("a platform pinned to RS256 refuses it")
			.containsEntry("verified", false);
		assertThat(http.send(http.admin("/actuator/prometheus")).body())
			.containsPattern("ticketbooth_tokens_minted_total\\{algorithm=\"ES256\",profile=\"kinescope\"} [1-9]");
	}

	@Test
	void es256IsRefusedWhereThePartnerOrTheKeySetCannotUseIt() {
		assertProblem(api.createPartner("{\"id\":\"vidbeo-es-" + s
				+ "\",\"profile\":\"vidbeo\",\"key_set\":\"vidbeo-" + s + "\",\"algorithm\":\"ES256\"}"), 400,
				"invalid-algorithm");
		assertProblem(api.createPartner("{\"id\":\"kin-es-" + s
				+ "\",\"profile\":\"kinescope\",\"algorithm\":\"ES256\"}"), 400, "invalid-algorithm");
		assertProblem(api.createPartner("{\"id\":\"kin-hs-" + s
				+ "\",\"profile\":\"kinescope\",\"algorithm\":\"HS256\"}"), 400, "invalid-algorithm");
	}

	@Test
	void vidbeoTokensVerifyWithTheExportedPublicPemAndCarryVidbeosKeyId() throws Exception {
		String kid = ring.active("vidbeo-" + s, KeyAlgorithm.RS256).kid();
		HttpResponse<String> missing = api.post(Map.of("partner", "vidbeo-" + s, "user", user.username(), "video", "v1-" + s));
		assertProblem(missing, 409, "partner-key-id-missing");

		keys.setPartnerKeyId(kid, "vb-keyid-" + s);
		Map<String, Object> minted = api.mint(Map.of("partner", "vidbeo-" + s, "user", user.username(), "video", "v1-" + s,
				"ttl", 7200, "allow", Map.of("origins", List.of("https://WWW.Example.com", "http://localhost:3000"))));
		String token = (String) minted.get("token");
		String pem = api.publicPem(kid);
		Map<String, Object> seen = Jose.verifyWithSpki(pem, token);
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("header"))).containsEntry("alg", "RS256").containsEntry("kid", "vb-keyid-" + s);
		Map<String, Object> payload = map(seen.get("payload"));
		assertThat(payload).containsEntry("sub", "v1-" + s).containsKeys("iat", "exp").doesNotContainKeys("iss", "aud");
		assertThat(((Number) payload.get("exp")).longValue() - ((Number) payload.get("iat")).longValue()).isEqualTo(7200);
		assertThat(payload.get("access").toString()).contains("origins=[https://www.example.com, http://localhost:3000]");
		assertThat(map(minted.get("urls"))).containsEntry("watch", "https://watch.vidbeo.com/v1-" + s + "?jwt=" + token)
			.containsEntry("embed", "https://embed.vidbeo.com/v1-" + s + "?jwt=" + token)
			.containsEntry("hls", "https://watch.vidbeo.com/v1-" + s + "/hls.m3u8?jwt=" + token);
		assertThat(Jose.verifyWithJwks(jwksUrl(), token, null, null)).as("not in the published JWKS")
			.containsEntry("verified", false);
	}

	@Test
	void aUserWithoutACurrentGrantGets403WithTheReason() {
		assertProblem(api.post(Map.of("partner", "kinescope-" + s, "user", user.username(), "video", "v2-" + s)), 403,
				"not-entitled");
	}

	@Test
	void anExpiredGrantStopsWorkingAtItsValidUntil() {
		EndUser renter = users.create("renter-" + s, "long-enough-pw", true, true);
		Instant until = clock.instant().plus(Duration.ofHours(48));
		grants.save(new GrantRequest(renter.username(), null, "v2-" + s, "rental", null, null, null, until.toString(), null));
		Map<String, Object> request = Map.of("partner", "kinescope-" + s, "user", renter.username(), "video", "v2-" + s);
		assertThat(api.post(request).statusCode()).isEqualTo(201);

		clock.advance(Duration.ofHours(47).plusMinutes(30)); // 30 minutes left: the 1 h token is cut to the grant
		HttpResponse<String> lastToken = api.post(request);
		assertThat(lastToken.statusCode()).isEqualTo(201);
		assertThat(lastToken.body()).contains("\"expires_at\":\"" + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

		clock.advance(Duration.between(clock.instant(), until));
		assertProblem(api.post(request), 403, "grant-expired");
	}

	@Test
	void badRequestsAreClear400s() {
		String partner = "kinescope-" + s;
		String u = user.username();
		String v = "v1-" + s;
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("ips", List.of("1.2.3.256")))),
				400, "invalid-ips");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("ips", List.of("example.com")))),
				400, "invalid-ips");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("ips", List.of("10.0.0.0/33")))),
				400, "invalid-ips");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow",
				Map.of("ips", List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.6")))), 400, "too-many-ips");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow",
				Map.of("origins", List.of("https://example.com/path")))), 400, "invalid-origins");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("countries", List.of("xx")))),
				400, "invalid-countries");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("countries", List.of("esp")))),
				400, "invalid-countries");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "ttl", 86401)), 400, "invalid-ttl");
		assertProblem(api.post(Map.of("partner", "nope", "user", u, "video", v)), 400, "unknown-partner");
		assertProblem(api.post(Map.of("partner", partner, "user", "nobody", "video", v)), 400, "unknown-user");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", "nope")), 400, "unknown-video");
		assertProblem(api.post(Map.of("partner", "streamamg-" + s, "user", u)), 400, "video-required");
		assertProblem(api.post("{\"partner\":"), 400, "malformed-request");
	}

	@Test
	void mintingNeedsABearerTokenWithThePlaybackMintScope() throws Exception {
		String body = JSONObjectUtils.toJSONString(Map.of("partner", "kinescope-" + s, "user", user.username()));
		assertProblem(http.send(http.request("/api/v1/playback-tokens").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))), 401, "unauthenticated");
		assertProblem(http.send(http.request("/api/v1/playback-tokens").header("Authorization", "Bearer not.a.jwt")
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(body))), 401, "invalid-token");
		var decider = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String wrongScope = "Bearer " + OAuthClients.accessToken(http, decider, "playback:decide");
		assertProblem(http.send(http.request("/api/v1/playback-tokens").header("Authorization", wrongScope)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(body))), 403, "insufficient-scope");
	}

	private String jwksUrl() {
		return http.url("/.well-known/jwks.json");
	}

	/** Minting reuses the viewer's row for the cache period; a change on this node is seen at once. */
	@Test
	void aViewerDisabledHereGetsNoTokenAtOnceAndOneDisabledElsewhereWithinTheCachePeriod() throws Exception {
		EndUser viewer = users.create("recent-" + s, "long-enough-pw", true, true);
		grants.save(new GrantRequest(viewer.username(), "course-" + s, null, "subscription", null, null, null, null, null));
		Map<String, Object> body = Map.of("partner", "kinescope-" + s, "user", viewer.username(), "video", "v1-" + s);
		assertThat(api.post(body).statusCode()).isEqualTo(201);
		users.update(viewer.username(), null, false);
		assertProblem(api.post(body), 403, "user-disabled");
		users.update(viewer.username(), null, true);
		assertThat(api.post(body).statusCode()).isEqualTo(201);

		// as another node would: the row changes under this node's cache
		jdbc.sql("UPDATE end_users SET enabled = FALSE WHERE id = ?").param(viewer.id()).update();
		clock.advance(cacheTtl.plusSeconds(1));
		assertProblem(api.post(body), 403, "user-disabled");
	}
}
