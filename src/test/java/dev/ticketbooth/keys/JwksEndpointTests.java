package dev.ticketbooth.keys;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketbooth.Http;
import dev.ticketbooth.Jose;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JWKS as a verifier sees it over HTTP, and tokens the authorization server signs,
 * verified with Nimbus (an independent JOSE implementation) against that JWKS.
 */
@TicketboothServerTest
class JwksEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyRing ring;

	@Autowired
	KeyRotation rotation;

	@Autowired
	KeyProperties properties;

	@Autowired
	MutableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http(port);
	}

	@Test
	void theJwksIsCacheableForNoLongerThanTheLeadTimeAndAnswers304ToItsEtag() {
		HttpResponse<String> response = http.get("/.well-known/jwks.json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/jwk-set+json"));
		// answered ahead of Spring Security, with the same protective headers
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		String cacheControl = response.headers().firstValue("Cache-Control").orElseThrow();
		assertThat(cacheControl).contains("public");
		long maxAge = Long.parseLong(cacheControl.replaceAll(".*max-age=(\\d+).*", "$1"));
		assertThat(maxAge).isPositive().isLessThanOrEqualTo(properties.prepublish().toSeconds());
		String etag = response.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> notModified = http.send(http.request("/.well-known/jwks.json").header("If-None-Match", etag));
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();

		rotation.rotate(KeySet.DEFAULT, null, true);
		HttpResponse<String> changed = http.send(http.request("/.well-known/jwks.json").header("If-None-Match", etag));
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
	}

	@Test
	void aNextKeyIsPublishedBeforeItSignsAnything() throws Exception {
		String next = nextKid();
		assertThat(jwks().getKeyByKeyId(next)).as("NEXT key published").isNotNull();

		var client = OAuthClients.register(clients, passwordEncoder, "playback:mint");
		SignedJWT token = SignedJWT.parse(OAuthClients.accessToken(http, client, "playback:mint"));
		assertThat(token.getHeader().getKeyID()).isEqualTo(ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid())
			.isNotEqualTo(next);
	}

	@Test
	void aTokenSignedBeforeARotationVerifiesAfterItUntilRetentionEnds() throws Exception {
		var client = OAuthClients.register(clients, passwordEncoder, "playback:mint");
		SignedJWT token = SignedJWT.parse(OAuthClients.accessToken(http, client, "playback:mint"));
		String signer = token.getHeader().getKeyID();
		assertThat(verifiesAgainstPublishedJwks(token)).isTrue();

		rotation.rotate(KeySet.DEFAULT, null, true);
		assertThat(ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isNotEqualTo(signer);
		assertThat(verifiesAgainstPublishedJwks(token)).as("right after the rotation").isTrue();

		clock.advance(properties.retention().minus(Duration.ofSeconds(1)));
		rotation.maintain();
		assertThat(verifiesAgainstPublishedJwks(token)).as("until retention ends").isTrue();

		clock.advance(Duration.ofSeconds(1));
		rotation.maintain();
		assertThat(jwks().getKeyByKeyId(signer)).as("removed after retention").isNull();
		assertThat(verifiesAgainstPublishedJwks(token)).isFalse();
	}

	@Test
	void revokingAKeyRemovesItFromTheJwksAtOnce() throws Exception {
		String next = nextKid();
		assertThat(jwks().getKeyByKeyId(next)).isNotNull();

		HttpResponse<String> revoked = http.send(http.admin("/api/admin/keys/" + next + "/revoke")
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.body()).contains("\"state\":\"REVOKED\"");

		assertThat(jwks().getKeyByKeyId(next)).isNull();
		assertThat(JWKSet.parse(http.get("/oauth2/jwks").body()).getKeyByKeyId(next)).isNull();
	}

	@Test
	void discoveryNamesThisJwksAndTheAuthorizationServerServesTheDefaultSetsKeysOnly() throws Exception {
		var discovery = com.nimbusds.jose.util.JSONObjectUtils.parse(http.get("/.well-known/openid-configuration").body());
		assertThat(discovery.get("jwks_uri")).isEqualTo("http://localhost:8080/.well-known/jwks.json");
		List<String> defaultSet = ring.jwks(KeySet.DEFAULT).jwkSet().getKeys().stream().map(JWK::getKeyID).toList();
		assertThat(JWKSet.parse(http.get("/oauth2/jwks").body()).getKeys()).extracting(JWK::getKeyID)
			.containsExactlyInAnyOrderElementsOf(defaultSet);
		assertThat(jwks().getKeys()).extracting(JWK::getKeyID).containsAll(defaultSet);
	}

	@Test
	void aSetCreatedPublishedIsInTheJwksWithItsNextKeyAndAnUnpublishedSetIsNot() throws Exception {
		String suffix = Long.toString(System.nanoTime(), 36);
		String etag = http.get("/.well-known/jwks.json").headers().firstValue("ETag").orElseThrow();
		for (String request : List.of("{\"name\":\"pub-" + suffix + "\",\"algorithms\":[\"ES256\"],\"published\":true}",
				"{\"name\":\"hand-" + suffix + "\",\"algorithms\":[\"ES256\"]}")) {
			HttpResponse<String> created = http.send(http.admin("/api/admin/key-sets")
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}

		HttpResponse<String> response = http.send(http.request("/.well-known/jwks.json").header("If-None-Match", etag));
		assertThat(response.statusCode()).as("a new document, a new ETag").isEqualTo(200);
		JWKSet published = JWKSet.parse(response.body());
		JWK next = published.getKeyByKeyId(nextKid("pub-" + suffix));
		assertThat(next).as("the published set's NEXT key").isNotNull();
		assertThat(next.toECKey().getCurve()).isEqualTo(Curve.P_256);
		assertThat(published.getKeyByKeyId(ring.active("pub-" + suffix, KeyAlgorithm.ES256).kid())).isNotNull();
		assertThat(published.getKeyByKeyId(nextKid("hand-" + suffix))).as("unpublished set").isNull();
		assertThat(published.getKeyByKeyId(ring.active("hand-" + suffix, KeyAlgorithm.ES256).kid())).isNull();
		assertThat(published.getKeys()).extracting(JWK::getKeyID)
			.containsAll(ring.jwks(KeySet.DEFAULT).jwkSet().getKeys().stream().map(JWK::getKeyID).toList());
		assertThat(JWKSet.parse(http.get("/oauth2/jwks").body()).getKeyByKeyId(next.getKeyID()))
			.as("the authorization server trusts the default set only").isNull();
	}

	@Test
	void anEs384TokenVerifiesWithJoseAgainstTheJwksAndTheExportedPublicKey() throws Exception {
		String set = "ivs-" + Long.toString(System.nanoTime(), 36);
		HttpResponse<String> created = http.send(http.admin("/api/admin/key-sets").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + set + "\",\"algorithms\":[\"es384\"],\"published\":true}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).contains("\"algorithms\":[\"ES384\"]");
		RingKey key = ring.active(set, KeyAlgorithm.ES384);
		JWK published = jwks().getKeyByKeyId(key.kid());
		assertThat(published.toJSONObject()).containsEntry("kty", "EC").containsEntry("crv", "P-384")
			.containsEntry("alg", "ES384").containsEntry("use", "sig");
		assertThat(published.computeThumbprint().toString()).isEqualTo(key.kid());
		String token = JwsSigner.sign(key, key.kid(),
				Map.of("sub", "viewer", "exp", clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond()));

		Map<String, Object> viaJwks = Jose.verifyWithJwks(http.url("/.well-known/jwks.json"), token, null, null, "ES384");
		assertThat(viaJwks).as(viaJwks.toString()).containsEntry("verified", true);

		HttpResponse<String> pem = http.send(http.admin("/api/admin/keys/" + key.kid() + "/public.pem"));
		assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----");
		Map<String, Object> viaPem = Jose.verifyWithSpki(pem.body(), token, "ES384");
		assertThat(viaPem).as(viaPem.toString()).containsEntry("verified", true);
		assertThat(Jose.verifyWithSpki(pem.body(), token, "ES256")).as("only as ES384").containsEntry("verified", false);
	}

	private String nextKid(String set) {
		return ring.keys().stream().filter(k -> k.keySet().equals(set) && k.state() == KeyState.NEXT)
			.findFirst().orElseThrow().kid();
	}

	private String nextKid() {
		return ring.keys().stream()
			.filter(k -> k.keySet().equals(KeySet.DEFAULT) && k.state() == KeyState.NEXT)
			.findFirst().orElseThrow().kid();
	}

	private JWKSet jwks() throws ParseException {
		return JWKSet.parse(http.get("/.well-known/jwks.json").body());
	}

	private boolean verifiesAgainstPublishedJwks(SignedJWT token) throws ParseException, JOSEException {
		JWK key = jwks().getKeyByKeyId(token.getHeader().getKeyID());
		return key != null && token.verify(new RSASSAVerifier(key.toRSAKey()));
	}
}
