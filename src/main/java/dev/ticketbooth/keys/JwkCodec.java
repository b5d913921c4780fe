package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.keys.PemCodec.PemException;

/**
 * Private JWKs in (RFC 7517, 7518 §6): RSA with its CRT members ({@code n, e, d, p, q, dp, dq,
 * qi}), as Cloudflare Stream hands out its signing keys, and EC P-256 or P-384. The same keys as
 * {@link PemCodec} accepts, refused with the same problem codes, plus {@code malformed-jwk} for
 * text that is no JWK.
 */
public final class JwkCodec {

	private JwkCodec() {
	}

	/** A private JWK as JSON text; its {@code kid} is ignored (the ring's kid is the thumbprint). */
	public static KeyPair readKeyPair(String json) {
		if (json == null || json.isBlank()) {
			throw new PemException("malformed-jwk", "No JWK given");
		}
		if (json.length() > PemCodec.MAX_PEM_CHARS) {
			throw new PemException("malformed-jwk", "The JWK is longer than " + PemCodec.MAX_PEM_CHARS + " characters");
		}
		JWK jwk;
		try {
			jwk = JWK.parse(json);
		}
		catch (ParseException | RuntimeException ex) {
			throw new PemException("malformed-jwk", "The JWK could not be parsed: " + ex.getMessage());
		}
		return keyPair(jwk);
	}

	/** The members of a JSON object already parsed (a request body). */
	public static KeyPair readKeyPair(Map<String, Object> members) {
		return readKeyPair(JSONObjectUtils.toJSONString(members));
	}

	private static KeyPair keyPair(JWK jwk) {
		if (!(jwk instanceof RSAKey) && !(jwk instanceof ECKey)) {
			throw new PemException("unsupported-key", "Unsupported JWK key type " + jwk.getKeyType()
					+ "; JWKs import as RSA (RS256) or EC P-256/P-384 (ES256/ES384) keys, other keys as PEM");
		}
		if (!jwk.isPrivate()) {
			throw new PemException("private-key-required",
					"This JWK holds only a public key; a signing key needs its private members");
		}
		if (jwk instanceof RSAKey rsa && (rsa.getFirstPrimeFactor() == null || rsa.getFirstCRTCoefficient() == null)) {
			throw new PemException("malformed-jwk", "An RSA private JWK needs p, q, dp, dq and qi besides n, e and d");
		}
		KeyPair pair;
		try {
			pair = jwk instanceof RSAKey rsa ? rsa.toKeyPair() : ((ECKey) jwk).toKeyPair();
		}
		catch (JOSEException | RuntimeException ex) {
			throw new PemException("malformed-jwk", "The JWK holds no usable key: " + ex.getMessage());
		}
		PemCodec.checkSupported(pair.getPublic());
		KeyAlgorithm algorithm = KeyAlgorithm.of(pair.getPublic());
		if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.name())) {
			throw new PemException("unsupported-key", "This JWK is marked for " + jwk.getAlgorithm().getName()
					+ "; the ring signs " + algorithm + " with such a key");
		}
		if (!belongTogether(pair, algorithm)) {
			throw new PemException("malformed-jwk", "The JWK's private members do not belong to its public key");
		}
		return pair;
	}

	/** A PEM private key carries its public key implicitly; a JWK names both, so check they match. */
	private static boolean belongTogether(KeyPair pair, KeyAlgorithm algorithm) {
		byte[] message = "ticketbooth jwk import check".getBytes(StandardCharsets.US_ASCII);
		try {
			Signature signature = Signature.getInstance(algorithm.signatureAlgorithm());
			signature.initSign(pair.getPrivate());
			signature.update(message);
			byte[] signed = signature.sign();
			signature.initVerify(pair.getPublic()); // the same object, reset for verifying
			signature.update(message);
			return signature.verify(signed);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}
}
