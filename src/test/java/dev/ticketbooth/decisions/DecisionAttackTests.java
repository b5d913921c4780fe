package dev.ticketbooth.decisions;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.CallbackServer;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.keys.JwsSigner;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.PemCodec;
import dev.ticketbooth.keys.RingKey;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and broken tokens at Kinescope's callback: every one answered 403 (or 400 for a body we
 * cannot read, 401 for wrong credentials), never 200 and never 5xx.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionAttackTests {

	static final String PASSWORD = "kinescope-test-password";

	@LocalServerPort
	int port;

	@Autowired
	Viewers viewers;

	@Autowired
	KeyRotation keys;

	@Autowired
	KeyRing ring;

	@Autowired
	MutableClock clock;

	Http http;

	String s;

	EndUser user;

	String video;

	String issuer;

	CallbackServer attacker;

	@BeforeAll
	void setUp() {
		http = new Http(port);
		s = Viewers.suffix();
		Viewers.Viewer victim = viewers.purchased("atk", s);
		user = victim.user();
		video = victim.video();
		issuer = viewers.kinescopeWithCallback("kin-" + s, null, PASSWORD, false).issuer();
		keys.createSet("es-" + s, List.of(KeyAlgorithm.ES256), false);
		viewers.kinescopeWithCallback("kin-es-" + s, "es-" + s, PASSWORD, false);
		attacker = CallbackServer.start();
	}

	@AfterAll
	void tearDown() {
		attacker.close();
	}

	Map<String, Object> claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		long now = clock.instant().getEpochSecond();
		claims.put("iss", issuer);
		claims.put("aud", "kinescope");
		claims.put("sub", user.id());
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("video", video);
		claims.put("iat", now);
		claims.put("exp", now + 600);
		return claims;
	}

	RingKey rsa() {
		return ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256);
	}

	HttpResponse<String> callback(String username, String token) {
		String body = JSONObjectUtils.toJSONString(Map.of("id", video, "ip", "11.22.33.44", "type", "video", "token", token,
				"user_agent", "Mozilla/5.0"));
		return raw(username, PASSWORD, body);
	}

	HttpResponse<String> raw(String username, String password, String body) {
		return http.send(http.request("/kinescope/authorize").header("Authorization", Http.basic(username, password))
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
	}

	void assertDenied(String token, String reason) {
		HttpResponse<String> response = callback("kin-" + s, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains("\"reason\":\"" + reason + "\"");
	}

	@Test
	void theControlTokenIsAllowed() throws Exception {
		assertThat(callback("kin-" + s, Jws.signed(Jws.header("RS256", rsa().kid()), claims(), rsa())).statusCode())
			.isEqualTo(200);
	}

	@Test
	void algNoneInAnyCaseIsDenied() throws Exception {
		String good = Jws.signed(Jws.header("RS256", rsa().kid()), claims(), rsa());
		String signature = good.substring(good.lastIndexOf('.') + 1);
		for (String none : List.of("none", "None", "NONE", "nOnE")) {
			String unsigned = Jws.unsigned(Jws.header(none, rsa().kid()), claims());
			assertDenied(unsigned + ".", Reason.ALG_NOT_ALLOWED);
			assertDenied(unsigned + "." + signature, Reason.ALG_NOT_ALLOWED);
		}
	}

	@Test
	void hs256SignedWithOurPublicKeyIsDenied() throws Exception {
		RingKey key = rsa();
		for (byte[] secret : List.of(key.publicKey().getEncoded(),
				PemCodec.writePublicKey(key.publicKey()).getBytes(StandardCharsets.US_ASCII),
				key.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8))) {
			assertDenied(Jws.hmac(Jws.header("HS256", key.kid()), claims(), secret), Reason.ALG_NOT_ALLOWED);
		}
	}

	@Test
	void anEmptyOrStrippedSignatureIsDenied() throws Exception {
		String good = Jws.signed(Jws.header("RS256", rsa().kid()), claims(), rsa());
		String unsigned = good.substring(0, good.lastIndexOf('.'));
		assertDenied(unsigned + ".", Reason.BAD_SIGNATURE);
		assertDenied(unsigned, Reason.MALFORMED_TOKEN);
		assertDenied(unsigned + "." + Jws.b64(new byte[256]), Reason.BAD_SIGNATURE);
	}

	@Test
	void anAllZeroEs256SignatureIsDenied() throws Exception {
		RingKey es = ring.active("es-" + s, KeyAlgorithm.ES256);
		Map<String, Object> header = Jws.header("ES256", es.kid());
		String control = Jws.signed(header, claims(), es);
		assertThat(callback("kin-es-" + s, control).statusCode()).as("control").isEqualTo(200);
		String unsigned = Jws.unsigned(header, claims());
		HttpResponse<String> zero = callback("kin-es-" + s, unsigned + "." + Jws.b64(new byte[64]));
		assertThat(zero.statusCode()).isEqualTo(403);
		assertThat(zero.body()).contains(Reason.BAD_SIGNATURE);
		HttpResponse<String> derZero = callback("kin-es-" + s, unsigned + "." + Jws.b64(new byte[] { 0x30, 6, 2, 1, 0, 2, 1, 0 }));
		assertThat(derZero.statusCode()).isEqualTo(403);
	}

	@Test
	void es384TokensAreAllowedAndOutOfRangeEs384SignaturesDenied() throws Exception {
		keys.createSet("es384-" + s, List.of(KeyAlgorithm.RS256, KeyAlgorithm.ES384), false);
		viewers.kinescopeWithCallback("kin-es384-" + s, "es384-" + s, PASSWORD, false);
		RingKey es = ring.active("es384-" + s, KeyAlgorithm.ES384);
		String control = JwsSigner.sign(es, es.kid(), claims());
		assertThat(callback("kin-es384-" + s, control).statusCode()).as("control").isEqualTo(200);

		String unsigned = JwsSigner.sign(es, es.kid(), claims());
		byte[] signature = Base64.getUrlDecoder().decode(unsigned.substring(unsigned.lastIndexOf('.') + 1));
		unsigned = unsigned.substring(0, unsigned.lastIndexOf('.'));
		byte[] order = HexFormat.of().parseHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
				+ "C7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");
		byte[] orderTwice = new byte[96];
		System.arraycopy(order, 0, orderTwice, 0, 48);
		System.arraycopy(order, 0, orderTwice, 48, 48);
		for (byte[] bad : List.of(new byte[96], orderTwice, Arrays.copyOf(signature, 64),
				ECDSA.transcodeSignatureToDER(signature))) {
			HttpResponse<String> response = callback("kin-es384-" + s, unsigned + "." + Jws.b64(bad));
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains(Reason.BAD_SIGNATURE);
		}
		assertThat(callback("kin-es384-" + s, unsigned + "." + Jws.b64(signature)).statusCode()).as("the same, untouched")
			.isEqualTo(200);
	}

	@Test
	void unknownTraversalAndSqlLookingKidsAreDenied() throws Exception {
		for (String kid : List.of("unknown-kid", "../../../../etc/passwd", "' OR '1'='1' --", "x\u0000y", "")) {
			assertDenied(Jws.signed(Jws.header("RS256", kid), claims(), rsa()), Reason.UNKNOWN_KID);
		}
		Map<String, Object> noKid = Jws.header("RS256", null);
		assertDenied(Jws.signed(noKid, claims(), rsa()), Reason.UNKNOWN_KID);
	}

	@Test
	void keyUrlHeadersAreNeverFetchedOrTrusted() throws Exception {
		for (String name : List.of("jku", "x5u")) {
			Map<String, Object> header = Jws.header("RS256", rsa().kid());
			header.put(name, attacker.url("/" + name));
			assertDenied(Jws.signed(header, claims(), rsa()), Reason.UNTRUSTED_HEADER);
		}
		Map<String, Object> embedded = Jws.header("RS256", rsa().kid());
		embedded.put("jwk", rsa().publicJwk().toJSONObject());
		assertDenied(Jws.signed(embedded, claims(), rsa()), Reason.UNTRUSTED_HEADER);
		Map<String, Object> critical = Jws.header("RS256", rsa().kid());
		critical.put("crit", List.of("exp"));
		assertDenied(Jws.signed(critical, claims(), rsa()), Reason.UNTRUSTED_HEADER);
		assertThat(attacker.next(1)).as("the listener received nothing").isNull();
	}

	@Test
	void expiredAndNotYetValidTokensAreDeniedBeyondTheLeeway() throws Exception {
		long now = clock.instant().getEpochSecond();
		Map<String, Object> expired = claims();
		expired.put("exp", now - 61);
		assertDenied(Jws.signed(Jws.header("RS256", rsa().kid()), expired, rsa()), Reason.TOKEN_EXPIRED);
		Map<String, Object> withinLeeway = claims();
		withinLeeway.put("exp", now - 30);
		assertThat(callback("kin-" + s, Jws.signed(Jws.header("RS256", rsa().kid()), withinLeeway, rsa())).statusCode())
			.isEqualTo(200);
		Map<String, Object> future = claims();
		future.put("nbf", now + 300);
		assertDenied(Jws.signed(Jws.header("RS256", rsa().kid()), future, rsa()), Reason.TOKEN_NOT_YET_VALID);
		Map<String, Object> noExp = claims();
		noExp.remove("exp");
		assertDenied(Jws.signed(Jws.header("RS256", rsa().kid()), noExp, rsa()), Reason.MALFORMED_TOKEN);
	}

	@Test
	void aWrongIssuerOrAudienceIsDenied() throws Exception {
		Map<String, Object> wrongIssuer = claims();
		wrongIssuer.put("iss", "https://evil.example.com");
		assertDenied(Jws.signed(Jws.header("RS256", rsa().kid()), wrongIssuer, rsa()), Reason.WRONG_ISSUER);
		Map<String, Object> wrongAudience = claims();
		wrongAudience.put("aud", List.of("playback.streamamg.com"));
		assertDenied(Jws.signed(Jws.header("RS256", rsa().kid()), wrongAudience, rsa()), Reason.WRONG_AUDIENCE);
	}

	@Test
	void aTokenMintedForAnotherPartnerIsDenied() throws Exception {
		Map<String, Object> elsewhere = claims();
		elsewhere.put("azp", "some-other-partner");
		assertDenied(Jws.signed(Jws.header("RS256", rsa().kid()), elsewhere, rsa()), Reason.WRONG_AUDIENCE);
	}

	@Test
	void aRevokedKeyIsDenied() throws Exception {
		keys.createSet("rev-" + s, List.of(KeyAlgorithm.RS256), false);
		viewers.kinescopeWithCallback("kin-rev-" + s, "rev-" + s, PASSWORD, false);
		RingKey doomed = ring.active("rev-" + s, KeyAlgorithm.RS256);
		String token = Jws.signed(Jws.header("RS256", doomed.kid()), claims(), doomed);
		assertThat(callback("kin-rev-" + s, token).statusCode()).as("control").isEqualTo(200);
		keys.revoke(doomed.kid());
		HttpResponse<String> response = callback("kin-rev-" + s, token);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains(Reason.KEY_REVOKED);
	}

	@Test
	void anOversizedTokenIsDeniedUnread() {
		assertDenied("eyJ" + "A".repeat(9000) + ".e30.AAAA", Reason.TOKEN_TOO_LARGE);
	}

	@Test
	void garbageBodiesAre400AndWrongCredentials401() {
		String auth = "kin-" + s;
		for (String body : List.of("{garbage", "[]", "\"text\"", "", "{\"id\":\"" + video + "\"}",
				"{\"id\":1,\"token\":\"x\",\"ip\":\"1.2.3.4\"}", "{\"id\":\"v\",\"token\":[\"x\"]}")) {
			HttpResponse<String> response = raw(auth, PASSWORD, body);
			assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
			assertThat(response.body()).doesNotContain("Exception");
		}
		String body = JSONObjectUtils.toJSONString(Map.of("id", video, "token", "x", "ip", "1.2.3.4"));
		assertThat(raw(auth, "wrong-password", body).statusCode()).isEqualTo(401);
		assertThat(raw("nobody", PASSWORD, body).statusCode()).isEqualTo(401);
		assertThat(http.send(http.request("/kinescope/authorize").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))).statusCode()).isEqualTo(401);
		assertThat(http.send(http.request("/kinescope/authorize").header("Authorization", "Basic !!!not-base64")
			.POST(BodyPublishers.ofString(body))).statusCode()).isEqualTo(401);
	}

	@Test
	void aPlainUserIdIsDeniedUnlessThePartnerOptedIn() {
		assertDenied(user.id(), Reason.MALFORMED_TOKEN);
		viewers.kinescopeWithCallback("kin-plain-" + s, null, PASSWORD, true);
		assertThat(callback("kin-plain-" + s, user.id()).statusCode()).isEqualTo(200);
		assertThat(callback("kin-plain-" + s, "someone-else").statusCode()).isEqualTo(403);
	}
}
