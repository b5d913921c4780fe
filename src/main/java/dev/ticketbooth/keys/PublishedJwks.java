package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/** A key set's JWKS, serialized once per key-ring change so serving it costs no work. */
public record PublishedJwks(JWKSet jwkSet, byte[] json, String etag) {

	static PublishedJwks of(List<JWK> keys) {
		JWKSet set = new JWKSet(keys);
		byte[] json = set.toString(true).getBytes(StandardCharsets.UTF_8);
		return new PublishedJwks(set, json, etag(json));
	}

	private static String etag(byte[] json) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public boolean contains(String kid) {
		return jwkSet.getKeyByKeyId(kid) != null;
	}
}
