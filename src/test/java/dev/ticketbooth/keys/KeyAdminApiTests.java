package dev.ticketbooth.keys;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.AtOnce;
import dev.ticketbooth.Http;
import dev.ticketbooth.ProblemAssertions;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator key API over real HTTP with HTTP Basic. */
@TicketboothServerTest
class KeyAdminApiTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyRing ring;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http(port);
	}

	@Test
	void theApiNeedsAdminCredentialsAndAnswersProblemJson() throws Exception {
		HttpResponse<String> anonymous = http.get("/api/admin/keys");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(ProblemAssertions.code(anonymous)).isEqualTo("unauthenticated");

		HttpResponse<String> wrong = http.send(http.request("/api/admin/keys").header("Authorization", Http.basic("admin", "nope")));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).doesNotContain("Exception");
	}

	@Test
	void aBrowsersCrossSiteRequestIsRefusedEvenWithCredentials() throws Exception {
		HttpResponse<String> response = http.send(http.admin("/api/admin/keys/rotate?force=true")
			.header("Sec-Fetch-Site", "cross-site").POST(BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(ProblemAssertions.code(response)).isEqualTo("cross-site-request");
	}

	@Test
	void listsKeysWithTheirStatesAndNoPrivateMaterial() throws Exception {
		HttpResponse<String> response = http.send(http.admin("/api/admin/keys"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"state\":\"ACTIVE\"", "\"state\":\"NEXT\"", "\"promotable_at\"")
			.doesNotContain("\"d\":", "\"p\":", "\"q\":", "private");
	}

	@Test
	void rotationIsRefusedWhileTheNextKeyIsYoungUnlessForced() throws Exception {
		String before = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
		HttpResponse<String> refused = http.send(http.admin("/api/admin/keys/rotate").POST(BodyPublishers.noBody()));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(ProblemAssertions.code(refused)).isEqualTo("next-key-too-young");
		assertThat(JSONObjectUtils.parse(refused.body())).containsKey("promotable_at");
		assertThat(ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isEqualTo(before);

		HttpResponse<String> forced = http.send(http.admin("/api/admin/keys/rotate?force=true").POST(BodyPublishers.noBody()));
		assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
		assertThat(forced.body()).contains("\"outcome\":\"PROMOTED\"", "\"retired_kid\":\"" + before + "\"");
	}

	@Test
	void importsAnEncryptedPkcs8KeyAndExportsItsPublicPem() throws Exception {
		KeyPair pair = KeyAlgorithm.RS256.newKeyPair();
		String pem = PemCodec.writeEncryptedPkcs8(pair.getPrivate(), "s3cret".toCharArray());
		HttpResponse<String> imported = http.send(http.admin("/api/admin/keys/import")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("pem", pem, "password", "s3cret",
					"partner_key_id", "vidbeo-123")))));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		Map<String, Object> view = JSONObjectUtils.parse(imported.body());
		assertThat(view).containsEntry("state", "NEXT").containsEntry("origin", "IMPORTED")
			.containsEntry("partner_key_id", "vidbeo-123");
		String kid = (String) view.get("kid");

		HttpResponse<String> exported = http.send(http.admin("/api/admin/keys/" + kid + "/public.pem"));
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(PemCodec.readPublicKey(exported.body()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());

		HttpResponse<String> renamed = http.send(http.admin("/api/admin/keys/" + kid).header("Content-Type", "application/json")
			.method("PATCH", BodyPublishers.ofString("{\"partner_key_id\":\"vidbeo-456\"}")));
		assertThat(renamed.statusCode()).isEqualTo(200);
		assertThat(ring.find(kid).orElseThrow().partnerKeyId()).isEqualTo("vidbeo-456");
	}

	@Test
	void importsARawPemBodyIntoAPartnerKeySet() throws Exception {
		HttpResponse<String> created = http.send(http.admin("/api/admin/key-sets").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"vidbeo-raw\",\"algorithms\":[\"RS256\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		KeyPair pair = KeyAlgorithm.RS256.newKeyPair();
		HttpResponse<String> imported = http.send(http.admin("/api/admin/keys/import?set=vidbeo-raw&activate=true")
			.header("Content-Type", "application/x-pem-file")
			.POST(BodyPublishers.ofString(PemCodec.writeTraditional(pair))));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		assertThat(imported.body()).contains("\"state\":\"ACTIVE\"", "\"set\":\"vidbeo-raw\"");
		assertThat(ring.jwks(KeySet.DEFAULT).contains((String) JSONObjectUtils.parse(imported.body()).get("kid")))
			.as("an unpublished set stays out of the JWKS").isFalse();
	}

	@Test
	void importsVendorKeysAsTheVendorsHandThemOverWithTheirPartnerKeyId() throws Exception {
		String s = Long.toString(System.nanoTime(), 36);
		for (String set : List.of("mux-" + s, "cf-" + s, "bare-" + s, "raw-" + s)) {
			assertThat(http.send(http.admin("/api/admin/key-sets").header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"name\":\"" + set + "\"}"))).statusCode()).isEqualTo(201);
		}
		// Mux: private_key is base64 of a PEM
		KeyPair mux = KeyAlgorithm.RS256.newKeyPair();
		assertImported(http.admin("/api/admin/keys/import").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("pem",
					PrivateKeyTextTests.base64(PemCodec.writeTraditional(mux)), "set", "mux-" + s, "partner_key_id",
					"mux-signing-key-1")))), mux, "mux-signing-key-1");
		// Cloudflare Stream: jwk is base64 of a private JWK
		KeyPair cloudflare = KeyAlgorithm.RS256.newKeyPair();
		assertImported(http.admin("/api/admin/keys/import").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(Map.of("jwk",
					PrivateKeyTextTests.base64(PrivateKeyTextTests.rsaJwk(cloudflare).toJSONString()), "set", "cf-" + s,
					"partner_key_id", "cf-key-1")))), cloudflare, "cf-key-1");
		// a plain private JWK as the whole body, options in the query
		KeyPair bare = KeyAlgorithm.RS256.newKeyPair();
		assertImported(http.admin("/api/admin/keys/import?set=bare-" + s + "&partner_key_id=bare-1")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(PrivateKeyTextTests.rsaJwk(bare).toJSONString())), bare, "bare-1");
		// the same base64 PEM as a raw body
		KeyPair raw = KeyAlgorithm.RS256.newKeyPair();
		assertImported(http.admin("/api/admin/keys/import?set=raw-" + s + "&partner_key_id=raw-1")
			.header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString(PrivateKeyTextTests.base64(PemCodec.writePkcs8(raw.getPrivate())))), raw, "raw-1");
	}

	private void assertImported(HttpRequest.Builder request, KeyPair original, String partnerKeyId) throws Exception {
		HttpResponse<String> response = http.send(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String thumbprint = new RSAKey.Builder((RSAPublicKey) original.getPublic()).build().computeThumbprint().toString();
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("kid", thumbprint)
			.containsEntry("partner_key_id", partnerKeyId).containsEntry("origin", "IMPORTED");
		RingKey stored = ring.find(thumbprint).orElseThrow();
		assertThat(stored.partnerKeyId()).isEqualTo(partnerKeyId);
		assertThat(stored.privateKey().getEncoded()).as("the private key itself").isEqualTo(original.getPrivate().getEncoded());
	}

	@Test
	void vendorKeyFormsThatHoldNoKeyAreAClear400() throws Exception {
		assertProblem(importJson("{\"pem\":\"bm90IGEga2V5\"}"), 400, "malformed-pem");
		assertProblem(importJson("{\"jwk\":\"" + PrivateKeyTextTests.base64("{\"not\":\"a jwk\"}") + "\"}"), 400,
				"malformed-jwk");
		assertProblem(importJson("{\"jwk\":{\"kty\":\"RSA\",\"d\":\"AQAB\"}}"), 400, "malformed-jwk");
		assertProblem(importJson(PrivateKeyTextTests.rsaJwk(KeyAlgorithm.RS256.newKeyPair()).toPublicJWK().toJSONString()), 400,
				"private-key-required");
		assertProblem(importJson("{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}"), 400, "unsupported-key");
		assertProblem(importJson("{\"jwk\":42}"), 400, "malformed-jwk");
		assertProblem(importJson("{\"pem\":\"bm90IGEga2V5\",\"jwk\":\"e30=\"}"), 400, "malformed-request");
		assertProblem(http.admin("/api/admin/keys/import").header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString("garbage!")), 400, "malformed-pem");
	}

	private HttpRequest.Builder importJson(String body) {
		return http.admin("/api/admin/keys/import").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
	}

	@Test
	void keySetsCreatedAtTheSameMomentWithOneNameGiveOneSetAndConflicts() throws Exception {
		List<HttpResponse<String>> responses = AtOnce.send(http, 8, () -> http.admin("/api/admin/key-sets")
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"name\":\"twin-set\"}")));
		AtOnce.assertCreatedOnce(responses, "key-set-exists");
		assertThat(ring.active("twin-set", KeyAlgorithm.RS256)).isNotNull();
	}

	@Test
	void oneKeyImportedIntoTwoSetsAtTheSameMomentLandsInOne() throws Exception {
		for (String set : List.of("twin-import-a", "twin-import-b")) {
			assertThat(http.send(http.admin("/api/admin/key-sets").header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"name\":\"" + set + "\"}"))).statusCode()).isEqualTo(201);
		}
		// imports into one set queue on its row lock, so the race is between two sets; ten tries
		for (int round = 0; round < 10; round++) {
			String pem = PemCodec.writeTraditional(KeyAlgorithm.RS256.newKeyPair());
			AtomicInteger turn = new AtomicInteger();
			List<HttpResponse<String>> responses = AtOnce.send(http, 2,
					() -> http.admin("/api/admin/keys/import?set=twin-import-" + (turn.getAndIncrement() % 2 == 0 ? "a" : "b"))
						.header("Content-Type", "application/x-pem-file").POST(BodyPublishers.ofString(pem)));
			AtOnce.assertCreatedOnce(responses, "key-exists");
		}
	}

	@Test
	void badInputIsAClear4xxWithAStableCode() throws Exception {
		assertProblem(http.admin("/api/admin/keys/import").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"pem\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\"}")), 400, "malformed-pem");
		assertProblem(http.admin("/api/admin/keys/import").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{not json")), 400, "malformed-request");
		assertProblem(http.admin("/api/admin/keys/import").header("Content-Type", "application/x-pem-file")
			.POST(BodyPublishers.ofString(PemCodec.writePublicKey(KeyAlgorithm.RS256.newKeyPair().getPublic()))), 400,
				"private-key-required");
		assertProblem(http.admin("/api/admin/keys/import").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"pem\":" + JSONObjectUtils.toJSONString(Map.of("p", PemCodec
				.writePkcs8(KeyAlgorithm.RS256.newKeyPair().getPrivate()))).replaceFirst("^\\{\"p\":", "").replaceFirst("}$", "")
					+ ",\"set\":\"no-such-set\"}")), 404, "unknown-key-set");
		assertProblem(http.admin("/api/admin/keys/rotate?algorithm=HS512").POST(BodyPublishers.noBody()), 400,
				"unsupported-algorithm");
		// HS256 is a known algorithm now (sets of CDN secrets), just not one the default set holds
		assertProblem(http.admin("/api/admin/keys/rotate?algorithm=HS256").POST(BodyPublishers.noBody()), 400,
				"algorithm-not-in-set");
		assertProblem(http.admin("/api/admin/keys/nope/revoke").POST(BodyPublishers.noBody()), 404, "unknown-key");
		assertProblem(http.admin("/api/admin/keys/nope/public.pem"), 404, "unknown-key");
		assertProblem(http.admin("/api/admin/key-sets").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"../etc\"}")), 400, "invalid-key-set-name");
		assertProblem(http.admin("/api/admin/keys/rotate").PUT(BodyPublishers.noBody()), 405, "method-not-allowed");
	}

	private void assertProblem(HttpRequest.Builder request, int status, String code) {
		ProblemAssertions.assertProblem(http.send(request), status, code);
	}
}
