package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Private keys in the forms vendors hand them over: PEM or JWK, plain or base64-encoded once. */
class PrivateKeyTextTests {

	private static final KeyPair RSA = KeyAlgorithm.RS256.newKeyPair();

	@Test
	void base64OfAPemAsMuxAndCloudflareGiveIt() {
		for (String pem : new String[] { PemCodec.writeTraditional(RSA), PemCodec.writePkcs8(RSA.getPrivate()) }) {
			String base64 = base64(pem);
			assertThat(PrivateKeyText.readKeyPair(base64, null).getPublic()).isEqualTo(RSA.getPublic());
			String mime = Base64.getMimeEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
			assertThat(PrivateKeyText.readKeyPair(mime + "\n", null).getPublic()).as("wrapped in lines").isEqualTo(RSA.getPublic());
		}
		assertThat(base64(PemCodec.writeTraditional(RSA))).as("the form of Cloudflare's documented example")
			.startsWith("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVkt");
	}

	@Test
	void aPrivateJwkPlainOrBase64AsCloudflareGivesIt() {
		String jwk = rsaJwk(RSA).toJSONString();
		assertThat(PrivateKeyText.readKeyPair(jwk, null).getPublic()).isEqualTo(RSA.getPublic());
		assertThat(PrivateKeyText.readKeyPair(base64(jwk), null).getPublic()).isEqualTo(RSA.getPublic());
		String url = Base64.getUrlEncoder().withoutPadding().encodeToString(jwk.getBytes(StandardCharsets.UTF_8));
		assertThat(PrivateKeyText.readKeyPair(url, null).getPublic()).isEqualTo(RSA.getPublic());
	}

	@Test
	void anEcJwkOnP384IsAnEs384Key() throws Exception {
		KeyPair pair = KeyAlgorithm.ES384.newKeyPair();
		String jwk = new ECKey.Builder(Curve.P_384, (ECPublicKey) pair.getPublic()).privateKey((ECPrivateKey) pair.getPrivate())
			.build().toJSONString();
		KeyPair read = PrivateKeyText.readKeyPair(base64(jwk), null);
		assertThat(KeyAlgorithm.of(read.getPublic())).isEqualTo(KeyAlgorithm.ES384);
		assertThat(read.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "bm90IGEga2V5IGF0IGFsbA==", "!!not base64!!", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" })
	void textThatIsNoKeyIsMalformedPem(String text) {
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(text, null)).satisfies(code("malformed-pem"));
	}

	@Test
	void brokenJwksGetClearCodes() throws Exception {
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair("{not json", null)).satisfies(code("malformed-jwk"));
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(base64("{\"not\":\"a jwk\"}"), null)).satisfies(code("malformed-jwk"));
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(rsaJwk(RSA).toPublicJWK().toJSONString(), null))
			.satisfies(code("private-key-required"));
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair("{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}", null))
			.satisfies(code("unsupported-key"));

		Map<String, Object> noCrt = rsaJwk(RSA).toJSONObject();
		for (String member : new String[] { "p", "q", "dp", "dq", "qi" }) {
			noCrt.remove(member);
		}
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(JSONObjectUtils.toJSONString(noCrt), null))
			.satisfies(code("malformed-jwk"));

		Map<String, Object> mismatched = rsaJwk(RSA).toJSONObject();
		mismatched.putAll(Map.of("n", rsaJwk(KeyAlgorithm.RS256.newKeyPair()).getModulus().toString()));
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(JSONObjectUtils.toJSONString(mismatched), null))
			.as("private members of one key, public of another").satisfies(code("malformed-jwk"));

		Map<String, Object> otherAlg = rsaJwk(RSA).toJSONObject();
		otherAlg.put("alg", "PS256");
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(JSONObjectUtils.toJSONString(otherAlg), null))
			.satisfies(code("unsupported-key"));

		KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
		weak.initialize(1024);
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(rsaJwk(weak.generateKeyPair()).toJSONString(), null))
			.satisfies(code("weak-key"));

		String huge = "{\"kty\":\"RSA\",\"n\":\"" + "A".repeat(PemCodec.MAX_PEM_CHARS) + "\"}";
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(huge, null)).satisfies(code("malformed-pem"));
		assertThatThrownBy(() -> JwkCodec.readKeyPair(huge)).satisfies(code("malformed-jwk"));
	}

	@Test
	void plainPemKeepsItsOwnErrors() {
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair("", null)).satisfies(code("malformed-pem"));
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(base64(PemCodec.writePublicKey(RSA.getPublic())), null))
			.satisfies(code("private-key-required"));
		String encrypted = PemCodec.writeEncryptedPkcs8(RSA.getPrivate(), "pw".toCharArray());
		assertThatThrownBy(() -> PrivateKeyText.readKeyPair(base64(encrypted), null)).satisfies(code("pem-password-required"));
		assertThat(PrivateKeyText.readKeyPair(base64(encrypted), "pw".toCharArray()).getPublic()).isEqualTo(RSA.getPublic());
	}

	static RSAKey rsaJwk(KeyPair pair) {
		return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID("vendor-key-id").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
	}

	static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static java.util.function.Consumer<Throwable> code(String code) {
		return ex -> assertThat(ex).isInstanceOfSatisfying(PemCodec.PemException.class,
				pem -> assertThat(pem.code()).as(ex.getMessage()).isEqualTo(code));
	}
}
