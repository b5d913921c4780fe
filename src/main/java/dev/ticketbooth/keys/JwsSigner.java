package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Compact JWS with a ring key, through the JCA (so ACCP signs when it is installed). Header
 * {@code alg}, {@code typ: JWT} and {@code kid}; the kid may be a partner-assigned one.
 */
public final class JwsSigner {

	private JwsSigner() {
	}

	public static String sign(RingKey key, String kid, Map<String, Object> claims) {
		if (key.privateKey() == null) {
			throw new IllegalStateException("Key " + key.kid() + " has no private key");
		}
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", key.algorithm().name());
		header.put("typ", "JWT");
		header.put("kid", kid);
		String signingInput = base64Url(JSONObjectUtils.toJSONString(header)) + "." + base64Url(JSONObjectUtils.toJSONString(claims));
		try {
			Signature signature = Signature.getInstance(key.algorithm().signatureAlgorithm());
			signature.initSign(key.privateKey());
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			byte[] signed = signature.sign();
			if (key.algorithm().ecdsa()) {
				// JOSE wants R||S (64 bytes for ES256, 96 for ES384), the JCA gives DER
				signed = ECDSA.transcodeSignatureToConcat(signed,
						ECDSA.getSignatureByteArrayLength(JWSAlgorithm.parse(key.algorithm().name())));
			}
			return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("Signing with key " + key.kid() + " failed", ex);
		}
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}
}
