package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
 * Mux signed playback: tokens minted over HTTP and checked by npm's jose against the public PEM we
 * export (Mux holds the public half of the signing key it created), with exactly the header and
 * claims Mux's SDK writes: {@code kid} = Mux's signing key id; {@code sub}, {@code aud},
 * {@code exp} and the partner's {@code playback_restriction_id}.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MuxTokenTests {

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	String s;

	EndUser user;

	String partner;

	String kid;

	@BeforeAll
	void setUp() throws Exception {
		s = Viewers.suffix();
		fixture.videos("v1-" + s, "v2-" + s);
		fixture.course("course-" + s, "v1-" + s, "v2-" + s);
		user = fixture.viewer("viewer-" + s);
		fixture.subscribe(user, "course-" + s, null);
		kid = fixture.keySet("mux-" + s, KeyAlgorithm.RS256, "muxKey" + s);
		partner = "mux-" + s;
		fixture.partner(new PartnerRequest(partner, "mux", "mux-" + s, null, null, null, null, null, null, null));
		api = fixture.api();
	}

	@Test
	void aVideoTokenCarriesMuxsKeyIdThePlaybackIdAndNothingElse() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", partner, "user", user.username(), "video", "v1-" + s, "ttl", 900));
		String token = (String) minted.get("token");
		assertThat(map(minted.get("tokens"))).containsExactly(Map.entry("v", token));
		Map<String, Object> seen = Jose.verifyWithSpki(api.publicPem(kid), token);
		assertThat(seen).as(seen.toString()).containsEntry("verified", true);
		assertThat(map(seen.get("header"))).containsExactlyInAnyOrderEntriesOf(
				Map.of("alg", "RS256", "typ", "JWT", "kid", "muxKey" + s));
		Map<String, Object> payload = map(seen.get("payload"));
		long exp = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		assertThat(payload).containsOnlyKeys("sub", "aud", "exp").containsEntry("sub", "v1-" + s).containsEntry("aud", "v");
		assertThat(((Number) payload.get("exp")).longValue()).isEqualTo(exp);
		assertThat(exp - fixture.now().getEpochSecond()).isBetween(880L, 900L);
		assertThat(map(minted.get("urls"))).as("only the URL whose token was asked for")
			.containsExactly(Map.entry("stream", "https://stream.mux.com/v1-" + s + ".m3u8?token=" + token));
	}

	@Test
	void aMintGivesOneTokenPerAskedAudienceTheVideoOneFirst() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", partner, "user", user.username(), "video", "v1-" + s,
				"audiences", List.of("t", "v", "s", "d")));
		Map<String, Object> tokens = map(minted.get("tokens"));
		assertThat(tokens).containsOnlyKeys("v", "t", "s", "d");
		assertThat(List.copyOf(tokens.keySet())).containsExactly("v", "t", "s", "d");
		assertThat(minted.get("token")).isEqualTo(tokens.get("v"));
		String pem = api.publicPem(kid);
		for (String audience : List.of("v", "t", "s", "d")) {
			Map<String, Object> seen = Jose.verifyWithSpki(pem, (String) tokens.get(audience));
			assertThat(seen).as(seen.toString()).containsEntry("verified", true);
			assertThat(map(seen.get("header"))).containsEntry("kid", "muxKey" + s);
			assertThat(map(seen.get("payload"))).containsOnlyKeys("sub", "aud", "exp").containsEntry("sub", "v1-" + s)
				.containsEntry("aud", audience);
		}
		String v = "v1-" + s;
		assertThat(map(minted.get("urls"))).containsOnly(
				Map.entry("stream", "https://stream.mux.com/" + v + ".m3u8?token=" + tokens.get("v")),
				Map.entry("thumbnail", "https://image.mux.com/" + v + "/thumbnail.jpg?token=" + tokens.get("t")),
				Map.entry("storyboard", "https://image.mux.com/" + v + "/storyboard.vtt?token=" + tokens.get("s")));

		Map<String, Object> gif = api.mint(Map.of("partner", partner, "user", user.username(), "video", v, "audiences",
				List.of("g", "t")));
		Map<String, Object> gifTokens = map(gif.get("tokens"));
		assertThat(List.copyOf(gifTokens.keySet())).as("without v, the asked order").containsExactly("g", "t");
		assertThat(gif.get("token")).isEqualTo(gifTokens.get("g"));
		assertThat(map(gif.get("urls"))).containsOnlyKeys("gif", "thumbnail").containsEntry("gif",
				"https://image.mux.com/" + v + "/animated.gif?token=" + gifTokens.get("g"));
	}

	@Test
	void thePartnersPlaybackRestrictionGoesIntoEveryToken() throws Exception {
		assertThat(api.createPartner(Map.of("id", "mux-r-" + s, "profile", "mux", "key_set", "mux-" + s, "settings",
				Map.of("playback_restriction_id", "JL88SKXvb02FTXa7Ylyk5hBeT4ZB5J01kJ"))).statusCode()).isEqualTo(201);
		Map<String, Object> minted = api.mint(Map.of("partner", "mux-r-" + s, "user", user.username(), "video", "v1-" + s,
				"audiences", List.of("v", "t")));
		for (Object token : map(minted.get("tokens")).values()) {
			Map<String, Object> seen = Jose.verifyWithSpki(api.publicPem(kid), (String) token);
			assertThat(seen).containsEntry("verified", true);
			assertThat(map(seen.get("payload"))).containsOnlyKeys("sub", "aud", "exp", "playback_restriction_id")
				.containsEntry("playback_restriction_id", "JL88SKXvb02FTXa7Ylyk5hBeT4ZB5J01kJ");
		}
	}

	@Test
	void badSettingsAndLifetimesAreRefusedWhenThePartnerIsCreated() {
		assertProblem(api.createPartner(Map.of("id", "mux-bad-" + s, "profile", "mux", "key_set", "mux-" + s, "settings",
				Map.of("environment", "prod"))), 400, "invalid-settings");
		assertProblem(api.createPartner(Map.of("id", "mux-bad-" + s, "profile", "mux", "key_set", "mux-" + s, "settings",
				Map.of("playback_restriction_id", "a b/c"))), 400, "invalid-settings");
		assertProblem(api.createPartner(Map.of("id", "mux-bad-" + s, "profile", "mux", "key_set", "mux-" + s, "algorithm",
				"ES256")), 400, "invalid-algorithm");
		assertProblem(api.createPartner(Map.of("id", "mux-bad-" + s, "profile", "mux", "key_set", "mux-" + s,
				"max_lifetime_seconds", 86401)), 400, "invalid-lifetime");
		assertProblem(api.createPartner(Map.of("id", "mux-bad-" + s, "profile", "mux", "key_set", "mux-" + s,
				"default_lifetime_seconds", 7200, "max_lifetime_seconds", 3600)), 400, "invalid-lifetime");
	}

	@Test
	void whatMuxTokensCannotSayIsRefused() {
		String u = user.username();
		String v = "v1-" + s;
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("ips", List.of("203.0.113.9")))),
				400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow",
				Map.of("origins", List.of("https://www.example.com")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "allow", Map.of("countries", List.of("es")))),
				400, "rule-not-supported");
		HttpResponse<String> unknown = api.post(Map.of("partner", partner, "user", u, "video", v, "audiences", List.of("v", "x")));
		assertProblem(unknown, 400, "invalid-request");
		assertThat(unknown.body()).contains("audiences");
		HttpResponse<String> twice = api.post(Map.of("partner", partner, "user", u, "video", v, "audiences", List.of("t", "t")));
		assertProblem(twice, 400, "invalid-request");
		assertThat(twice.body()).contains("audiences");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "audiences", List.of())), 400, "invalid-request");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "downloadable", true)), 400, "invalid-request");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", v, "ttl", 86401)), 400, "invalid-ttl");
		assertProblem(api.post(Map.of("partner", partner, "user", u)), 400, "video-required");
		fixture.partner(new PartnerRequest("mux-lib-" + s, "mux", "mux-" + s, null, null, null, null, null, null, true));
		assertProblem(api.post(Map.of("partner", "mux-lib-" + s, "user", u)), 400, "video-required");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", "v3-" + s)), 400, "unknown-video");
	}

	@Test
	void aKeyWithoutMuxsKeyIdSignsNothing() {
		fixture.keySet("mux-nokid-" + s, KeyAlgorithm.RS256);
		fixture.partner(new PartnerRequest("mux-nokid-" + s, "mux", "mux-nokid-" + s, null, null, null, null, null, null,
				null));
		assertProblem(api.post(Map.of("partner", "mux-nokid-" + s, "user", user.username(), "video", "v1-" + s)), 409,
				"partner-key-id-missing");
	}

	@Test
	void aDecisionAllowsTheTokenForItsPlaybackIdOnly() throws Exception {
		String token = (String) api.mint(Map.of("partner", partner, "user", user.username(), "video", "v1-" + s)).get("token");
		assertThat(api.decide(token, "v1-" + s)).containsEntry("allow", true).containsEntry("reason", "allowed");
		assertThat(api.decide(token, "v2-" + s)).containsEntry("allow", false).containsEntry("reason", "video-mismatch");
	}

	@Test
	void aKeyAsMuxHandsItOverIsImportedWithItsIdAndSignsVerifiableTokens() throws Exception {
		String set = "mux-import-" + s;
		assertThat(api.adminPost("/api/admin/key-sets", "{\"name\":\"" + set + "\",\"algorithms\":[\"RS256\"]}").statusCode())
			.isEqualTo(201);
		// POST /system/v1/signing-keys answers {"data":{"id":..., "private_key": base64 of a PKCS#1 PEM}}
		KeyPair pair = KeyAlgorithm.RS256.newKeyPair();
		String pkcs1 = PemCodec.writeTraditional(pair);
		assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		String privateKey = Base64.getEncoder().encodeToString(pkcs1.getBytes(StandardCharsets.UTF_8));
		String muxKeyId = "rT8b1zX02sGcq" + s;
		HttpResponse<String> imported = api.adminPost("/api/admin/keys/import",
				Map.of("pem", privateKey, "set", set, "partner_key_id", muxKeyId, "activate", true));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		Map<String, Object> view = JSONObjectUtils.parse(imported.body());
		assertThat(view).containsEntry("partner_key_id", muxKeyId).containsEntry("state", "ACTIVE");
		String importedKid = (String) view.get("kid");
		assertThat(api.createPartner(Map.of("id", "mux-imp-" + s, "profile", "mux", "key_set", set)).statusCode()).isEqualTo(201);

		Map<String, Object> minted = api.mint(Map.of("partner", "mux-imp-" + s, "user", user.username(), "video", "v1-" + s,
				"audiences", List.of("v", "t")));
		String pem = api.publicPem(importedKid);
		assertThat(pem.strip()).as("the public half of Mux's key").isEqualTo(PemCodec.writePublicKey(pair.getPublic()).strip());
		for (Map.Entry<String, Object> token : map(minted.get("tokens")).entrySet()) {
			Map<String, Object> seen = Jose.verifyWithSpki(pem, (String) token.getValue());
			assertThat(seen).as(seen.toString()).containsEntry("verified", true);
			assertThat(map(seen.get("header"))).containsExactlyInAnyOrderEntriesOf(
					Map.of("alg", "RS256", "typ", "JWT", "kid", muxKeyId));
			assertThat(map(seen.get("payload"))).containsOnlyKeys("sub", "aud", "exp").containsEntry("sub", "v1-" + s)
				.containsEntry("aud", token.getKey());
		}
		assertThat(Jose.verifyWithSpki(api.publicPem(kid), (String) minted.get("token"))).as("another Mux key")
			.containsEntry("verified", false);
		assertThat(api.decide((String) minted.get("token"), "v1-" + s)).containsEntry("allow", true);
	}
}
