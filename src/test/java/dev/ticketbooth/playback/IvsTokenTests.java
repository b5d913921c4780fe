package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.Jose;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.PemCodec;
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
 * Amazon IVS private channels: ES384 tokens with IVS's {@code aws:} claims, the channel ARN as the
 * catalog video, verified by npm's jose with the public PEM an operator imports into IVS; the
 * 10-minute cap of tokens naming a viewer; the rules IVS cannot carry; decisions on them.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IvsTokenTests {

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	String s;

	String channel;

	String otherChannel;

	EndUser viewer;

	EndUser hdViewer;

	String kid;

	@BeforeAll
	void setUp() throws Exception {
		api = fixture.api();
		s = Viewers.suffix();
		channel = "arn:aws:ivs:eu-west-1:123456789012:channel/ch1" + s;
		otherChannel = "arn:aws:ivs:us-west-2:123456789012:channel/ch2" + s;
		assertThat(api.adminPost("/api/admin/videos", Map.of("id", channel, "title", "Live")).statusCode()).isEqualTo(201);
		fixture.videos(otherChannel);
		fixture.course("ivs-course-" + s, channel, otherChannel);
		viewer = fixture.viewer("ivs-viewer-" + s);
		fixture.subscribe(viewer, "ivs-course-" + s, null);
		hdViewer = fixture.viewer("ivs-hd-" + s);
		fixture.subscribe(hdViewer, "ivs-course-" + s, "hd");
		kid = fixture.keySet("ivs-" + s, KeyAlgorithm.ES384);
		HttpResponse<String> created = api.createPartner(
				Map.of("id", "ivs-" + s, "profile", "ivs", "key_set", "ivs-" + s, "algorithm", "ES384"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void tokensVerifyWithTheExportedPemAsEs384AndCarryExactlyTheIvsClaims() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "ivs-" + s, "user", hdViewer.username(), "video", channel,
				"allow", Map.of("origins", List.of("https://WWW.Example.com", "http://localhost:3000"))));
		String token = (String) minted.get("token");
		String pem = api.publicPem(kid);
		Map<String, Object> seen = Jose.verifyWithSpki(pem, token, "ES384");
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("header"))).containsExactlyInAnyOrderEntriesOf(
				Map.of("alg", "ES384", "typ", "JWT", "kid", kid));
		Map<String, Object> payload = map(seen.get("payload"));
		long exp = ((Number) payload.get("exp")).longValue();
		assertThat(payload).containsExactlyInAnyOrderEntriesOf(Map.of("aws:channel-arn", channel,
				"aws:access-control-allow-origin", "https://www.example.com,http://localhost:3000",
				"aws:strict-origin-enforcement", true, "aws:viewer-id", hdViewer.id(), "aws:maximum-resolution", "HD",
				"aws:viewer-session-version", 0L, "exp", exp));
		assertThat(exp - fixture.now().getEpochSecond()).as("the default lifetime is IVS's cap").isBetween(599L, 600L);
		assertThat(minted.get("urls")).isEqualTo(Map.of());
		assertThat(Jose.verifyWithSpki(pem, token, "ES256")).as("only ES384").containsEntry("verified", false);
		assertThat(api.adminGet("/actuator/prometheus").body())
			.containsPattern("ticketbooth_tokens_minted_total\\{algorithm=\"ES384\",profile=\"ivs\"} [1-9]");
	}

	@Test
	void withoutOriginsOrQualityThoseClaimsAreLeftOut() throws Exception {
		String token = (String) api.mint(Map.of("partner", "ivs-" + s, "user", viewer.username(), "video", channel, "ttl", 600))
			.get("token");
		String pem = api.publicPem(kid);
		Map<String, Object> payload = map(Jose.verifyWithSpki(pem, token, "ES384").get("payload"));
		assertThat(payload).containsOnlyKeys("aws:channel-arn", "aws:viewer-id", "aws:viewer-session-version", "exp")
			.containsEntry("aws:channel-arn", channel).containsEntry("aws:viewer-id", viewer.id());
	}

	@Test
	void lifetimesRulesAndMintsIvsCannotTakeAreRefused() {
		String partner = "ivs-" + s;
		String u = viewer.username();
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", channel, "ttl", 601)), 400, "invalid-ttl");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", channel, "allow",
				Map.of("ips", List.of("203.0.113.7")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", channel, "allow",
				Map.of("countries", List.of("de")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u)), 400, "video-required");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", channel, "downloadable", true)), 400,
				"invalid-request");

		assertCreated(api.createPartner(Map.of("id", "ivs-lib-" + s, "profile", "ivs", "key_set", "ivs-" + s,
				"algorithm", "ES384", "library_tokens", true)));
		assertProblem(api.post(Map.of("partner", "ivs-lib-" + s, "user", u)), 400, "video-required");
		HttpResponse<String> byDefault = api.createPartner(Map.of("id", "ivs-es-" + s, "profile", "ivs", "key_set",
				"ivs-" + s));
		assertCreated(byDefault);
		assertThat(byDefault.body()).contains("\"algorithm\":\"ES384\""); // IVS verifies ES384 only
		assertProblem(api.createPartner(Map.of("id", "ivs-rs-" + s, "profile", "ivs", "key_set", "ivs-" + s,
				"algorithm", "RS256")), 400, "invalid-algorithm");
		assertProblem(api.createPartner(Map.of("id", "ivs-long-" + s, "profile", "ivs", "key_set", "ivs-" + s,
				"algorithm", "ES384", "max_lifetime_seconds", 601)), 400, "invalid-lifetime");
		assertProblem(api.createPartner(Map.of("id", "ivs-set-" + s, "profile", "ivs", "key_set", "ivs-" + s,
				"algorithm", "ES384", "settings", Map.of("region", "eu-west-1"))), 400, "invalid-settings");
	}

	@Test
	void decisionsAllowTheChannelDenyAnotherAndCheckTheTokensOrigins() throws Exception {
		String token = (String) api.mint(Map.of("partner", "ivs-" + s, "user", viewer.username(), "video", channel, "allow",
				Map.of("origins", List.of("https://shop.example.com")))).get("token");
		assertThat(decide(token, channel, null)).containsEntry("allow", true).containsEntry("reason", "allowed")
			.containsEntry("user", viewer.username());
		assertThat(decide(token, otherChannel, null)).containsEntry("allow", false).containsEntry("reason", "video-mismatch");
		assertThat(decide(token, channel, "https://shop.example.com")).containsEntry("allow", true);
		assertThat(decide(token, channel, "https://evil.example.com")).containsEntry("allow", false)
			.containsEntry("reason", "origin-not-allowed");
	}

	@Test
	void aKeyMadeWithOpensslForIvsImportsWithItsKeyPairArnAndSigns() throws Exception {
		// openssl ecparam -name secp384r1 -genkey -noout: a SEC1 "EC PRIVATE KEY"; IVS holds its public PEM
		KeyPair pair = KeyAlgorithm.ES384.newKeyPair();
		String arn = "arn:aws:ivs:eu-west-1:123456789012:playback-key/kp" + s;
		assertCreated(api.adminPost("/api/admin/key-sets", Map.of("name", "ivs-own-" + s, "algorithms", List.of("ES384"))));
		Http http = fixture.http();
		HttpResponse<String> imported = http.send(http.admin("/api/admin/keys/import?set=ivs-own-" + s
				+ "&activate=true&partner_key_id=" + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8))
			.header("Content-Type", "application/x-pem-file")
			.POST(Http.json(PemCodec.writeTraditional(pair))));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		assertThat(JSONObjectUtils.parse(imported.body())).containsEntry("partner_key_id", arn)
			.containsEntry("state", "ACTIVE");
		assertCreated(api.createPartner(Map.of("id", "ivs-own-" + s, "profile", "ivs", "key_set", "ivs-own-" + s,
				"algorithm", "ES384")));
		String token = (String) api.mint(Map.of("partner", "ivs-own-" + s, "user", viewer.username(), "video", channel))
			.get("token");
		Map<String, Object> seen = Jose.verifyWithSpki(PemCodec.writePublicKey(pair.getPublic()), token, "ES384");
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("header"))).containsEntry("kid", JSONObjectUtils.parse(imported.body()).get("kid"));
	}

	private Map<String, Object> decide(String token, String video, String origin) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("token", token, "video", video));
		if (origin != null) {
			body.put("origin", origin);
		}
		return api.decide(body);
	}
}
