package dev.ticketbooth.decisions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.RingKey;

/** Hand-made JWS for attacks: any header, any claims, any (or no) signature. */
final class Jws {

	private Jws() {
	}

	static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String b64(String json) {
		return b64(json.getBytes(StandardCharsets.UTF_8));
	}

	static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
		return b64(JSONObjectUtils.toJSONString(header)) + "." + b64(JSONObjectUtils.toJSONString(claims));
	}

	/** Signed with the ring key's private half, whatever the header says. */
	static String signed(Map<String, Object> header, Map<String, Object> claims, RingKey key) throws Exception {
		String input = unsigned(header, claims);
		Signature signature = Signature.getInstance(key.algorithm().signatureAlgorithm());
		signature.initSign(key.privateKey());
		signature.update(input.getBytes(StandardCharsets.US_ASCII));
		byte[] bytes = signature.sign();
		if (key.algorithm() == KeyAlgorithm.ES256) {
			bytes = ECDSA.transcodeSignatureToConcat(bytes, 64);
		}
		return input + "." + b64(bytes);
	}

	static String hmac(Map<String, Object> header, Map<String, Object> claims, byte[] secret) throws GeneralSecurityException {
		String input = unsigned(header, claims);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret, "HmacSHA256"));
		return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
	}

	static Map<String, Object> header(String alg, String kid) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", alg);
		header.put("typ", "JWT");
		if (kid != null) {
			header.put("kid", kid);
		}
		return header;
	}
}
