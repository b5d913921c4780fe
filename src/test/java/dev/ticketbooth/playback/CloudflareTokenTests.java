package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Jose;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.PemCodec;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static dev.ticketbooth.playback.PlaybackApi.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloudflare Stream signed-URL tokens: minted over HTTP, verified by npm's jose with the exported
 * public PEM (as Cloudflare verifies them with the key it made), for a generated key and for keys
 * imported as {@code /stream/keys} hands them over; their refusals; and decisions on them.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudflareTokenTests {

	final String s = Viewers.suffix();

	/** The one video the viewer bought. */
	final String v1 = "cfv1-" + s;

	/** A video in the catalog the viewer did not buy. */
	final String v2 = "cfv2-" + s;

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	EndUser user;

	@BeforeAll
	void setUp() throws Exception {
		fixture.videos(v1, v2);
		user = fixture.viewer("cf-viewer-" + s);
		fixture.purchase(user, v1);
		fixture.keySet("cf-" + s, KeyAlgorithm.RS256);
		fixture.partner(cloudflare("cloudflare-" + s, "cf-" + s, "Customer" + s, null));
		api = fixture.api();
	}

	@Test
	void tokensCarryCloudflaresClaimsAndVerifyWithTheExportedPublicPem() throws Exception {
		String kid = fixture.activeKid("cf-" + s, KeyAlgorithm.RS256);
		assertProblem(api.post(Map.of("partner", "cloudflare-" + s, "user", user.username(), "video", v1)), 409,
				"partner-key-id-missing");
		fixture.recordPartnerKeyId(kid, "cfkey" + s);

		Map<String, Object> minted = api.mint(Map.of("partner", "cloudflare-" + s, "user", user.username(), "video", v1, "ttl",
				3600, "downloadable", true, "allow", Map.of("ips", List.of("203.0.113.7", "2001:DB8:0:0:0:0:0:0/32"))));
		String token = (String) minted.get("token");
		String pem = api.publicPem(kid);
		Map<String, Object> seen = Jose.verifyWithSpki(pem, token, "RS256", fixture.now());
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("header"))).containsEntry("alg", "RS256").containsEntry("kid", "cfkey" + s);
		Map<String, Object> payload = map(seen.get("payload"));
		assertThat(payload).containsOnlyKeys("sub", "kid", "exp", "nbf", "downloadable", "accessRules")
			.containsEntry("sub", v1).containsEntry("kid", "cfkey" + s).containsEntry("downloadable", true)
			.containsEntry("accessRules", List.of(
					Map.of("type", "ip.src", "ip", List.of("203.0.113.7", "2001:db8::/32"), "action", "allow"),
					Map.of("type", "any", "action", "block")));
		long nbf = ((Number) payload.get("nbf")).longValue();
		assertThat(((Number) payload.get("exp")).longValue() - nbf).isEqualTo(3600);

		String host = "https://customer-customer" + s + ".cloudflarestream.com/";
		assertThat(map(minted.get("urls"))).containsOnly(Map.entry("hls", host + token + "/manifest/video.m3u8"),
				Map.entry("dash", host + token + "/manifest/video.mpd"), Map.entry("iframe", host + token + "/iframe"));

		Map<String, Object> plain = map(Jose.verifyWithSpki(pem,
				(String) api.mint(Map.of("partner", "cloudflare-" + s, "user", user.username(), "video", v1)).get("token"), "RS256",
				fixture.now()).get("payload"));
		assertThat(plain).as("no rules, no downloadable: neither claim").containsOnlyKeys("sub", "kid", "exp", "nbf");
	}

	@Test
	void keysImportedAsStreamKeysReturnsThemSignTokensCloudflareVerifies() throws Exception {
		// POST /stream/keys answers {"id", "pem": base64 of a PKCS#1 PEM, "jwk": base64 of a private JWK}
		KeyPair fromJwk = KeyAlgorithm.RS256.newKeyPair();
		String jwk = new RSAKey.Builder((RSAPublicKey) fromJwk.getPublic()).privateKey((RSAPrivateKey) fromJwk.getPrivate())
			.keyUse(KeyUse.SIGNATURE).keyID("cfjwk" + s).algorithm(JWSAlgorithm.RS256).build().toJSONString();
		KeyPair fromPem = KeyAlgorithm.RS256.newKeyPair();
		String pkcs1 = PemCodec.writeTraditional(fromPem);
		assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

		for (Map.Entry<String, String> key : Map.of("jwk", base64(jwk), "pem", base64(pkcs1)).entrySet()) {
			String set = "cf" + key.getKey() + "-" + s;
			String partner = "cloudflare-" + key.getKey() + "-" + s;
			String cloudflareId = "cf" + key.getKey() + s;
			assertThat(api.adminPost("/api/admin/key-sets", "{\"name\":\"" + set + "\"}").statusCode()).isEqualTo(201);
			HttpResponse<String> imported = api.adminPost("/api/admin/keys/import",
					Map.of(key.getKey(), key.getValue(), "set", set, "partner_key_id", cloudflareId, "activate", true));
			assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
			String kid = (String) JSONObjectUtils.parse(imported.body()).get("kid");
			assertThat(fixture.activeKid(set, KeyAlgorithm.RS256)).isEqualTo(kid);
			fixture.partner(cloudflare(partner, set, "abc123", null));

			String token = (String) api.mint(Map.of("partner", partner, "user", user.username(), "video", v1, "downloadable",
					false, "allow", Map.of("countries", List.of("gb", "De")))).get("token");
			String pem = api.publicPem(kid);
			Map<String, Object> seen = Jose.verifyWithSpki(pem, token, "RS256", fixture.now());
			assertThat(seen).as(seen.toString()).containsEntry("verified", true);
			assertThat(map(seen.get("header"))).containsEntry("alg", "RS256").containsEntry("kid", cloudflareId);
			assertThat(map(seen.get("payload"))).containsOnlyKeys("sub", "kid", "exp", "nbf", "downloadable", "accessRules")
				.containsEntry("kid", cloudflareId).containsEntry("downloadable", false)
				.containsEntry("accessRules", List.of(
						Map.of("type", "ip.geoip.country", "country", List.of("GB", "DE"), "action", "allow"),
						Map.of("type", "any", "action", "block")));
		}
	}

	@Test
	void whatCloudflareCannotExpressIsRefused() throws Exception {
		String partner = "cloudflare-" + s;
		String u = user.username();
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v1, "allow",
				Map.of("origins", List.of("https://www.example.com")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v1, "allow",
				Map.of("ips", List.of("203.0.113.7"), "countries", List.of("gb")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v1, "audiences", List.of("video"))), 400,
				"invalid-request");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v1, "ttl", 86401)), 400, "invalid-ttl");
		assertProblem(api.post(Map.of("partner", partner, "user", u)), 400, "video-required");
		fixture.partner(cloudflare("cloudflare-library-" + s, "cf-" + s, "abc", true));
		assertProblem(api.post(Map.of("partner", "cloudflare-library-" + s, "user", u)), 400, "video-required");
		assertProblem(api.post(Map.of("partner", "cloudflare-" + s, "user", u, "video", v2)), 403, "not-entitled");
	}

	@Test
	void partnersNeedACustomerCodeRs256AndAtMost24Hours() {
		String set = ",\"key_set\":\"cf-" + s + "\"";
		assertProblem(api.createPartner("{\"id\":\"cf-none-" + s + "\",\"profile\":\"cloudflare\"" + set + "}"), 400,
				"invalid-settings");
		assertProblem(api.createPartner("{\"id\":\"cf-bad-" + s + "\",\"profile\":\"cloudflare\"" + set
				+ ",\"settings\":{\"customer_code\":\"evil.example.com/x\"}}"), 400, "invalid-settings");
		assertProblem(api.createPartner("{\"id\":\"cf-more-" + s + "\",\"profile\":\"cloudflare\"" + set
				+ ",\"settings\":{\"customer_code\":\"abc\",\"account\":\"x\"}}"), 400, "invalid-settings");
		assertProblem(api.createPartner("{\"id\":\"cf-es-" + s + "\",\"profile\":\"cloudflare\"" + set
				+ ",\"algorithm\":\"ES256\",\"settings\":{\"customer_code\":\"abc\"}}"), 400, "invalid-algorithm");
		assertProblem(api.createPartner("{\"id\":\"cf-long-" + s + "\",\"profile\":\"cloudflare\"" + set
				+ ",\"max_lifetime_seconds\":86401,\"settings\":{\"customer_code\":\"abc\"}}"), 400, "invalid-lifetime");
		assertProblem(api.createPartner("{\"id\":\"kin-code-" + s + "\",\"profile\":\"kinescope\""
				+ ",\"settings\":{\"customer_code\":\"abc\"}}"), 400, "invalid-settings");
		HttpResponse<String> created = api.createPartner("{\"id\":\"cf-ok-" + s + "\",\"profile\":\"cloudflare\"" + set
				+ ",\"settings\":{\"customer_code\":\"abc123\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(fixture.partner("cf-ok-" + s).maxLifetime().toHours()).isEqualTo(24);
		assertThat(fixture.partner("cf-ok-" + s).urlTemplates()).containsEntry("hls",
				"https://customer-abc123.cloudflarestream.com/{token}/manifest/video.m3u8");
	}

	@Test
	void decisionsHonourTheVideoAndTheAccessRules() throws Exception {
		String set = "cfdec-" + s;
		fixture.keySet(set, KeyAlgorithm.RS256, "cfdec" + s);
		fixture.partner(cloudflare("cloudflare-dec-" + s, set, "abc", null));

		String open = (String) api.mint(Map.of("partner", "cloudflare-dec-" + s, "user", user.username(), "video", v1))
			.get("token");
		assertDecision(open, v1, "198.51.100.1", true, "allowed");
		assertDecision(open, v2, "198.51.100.1", false, "video-mismatch");

		String ruled = (String) api.mint(Map.of("partner", "cloudflare-dec-" + s, "user", user.username(), "video", v1, "allow",
				Map.of("ips", List.of("203.0.113.0/24", "2001:db8::/32")))).get("token");
		assertDecision(ruled, v1, "203.0.113.9", true, "allowed");
		assertDecision(ruled, v1, "2001:db8::7", true, "allowed");
		assertDecision(ruled, v1, "198.51.100.1", false, "ip-not-allowed");
		assertDecision(ruled, v1, null, false, "ip-not-allowed");
		assertDecision(ruled, v2, "203.0.113.9", false, "video-mismatch");
	}

	private void assertDecision(String token, String video, String ip, boolean allow, String reason) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("token", token, "video", video));
		if (ip != null) {
			body.put("ip", ip);
		}
		assertThat(api.decide(body)).as(video + " " + ip).containsEntry("allow", allow)
			.containsEntry("reason", reason);
	}

	private static PartnerRequest cloudflare(String id, String keySet, String customerCode, Boolean libraryTokens) {
		return new PartnerRequest(id, "cloudflare", keySet, null, null, null, null, null, null, libraryTokens, null, null,
				null, null, null, Map.of("customer_code", customerCode));
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}
}
