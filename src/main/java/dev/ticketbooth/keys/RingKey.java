package dev.ticketbooth.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * A key as the server uses it: decrypted and ready to sign (when it may) or verify.
 * {@code privateKey} is null for REVOKED keys, whose private half is erased.
 */
public record RingKey(String kid, String keySet, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin,
		PublicKey publicKey, PrivateKey privateKey, String partnerKeyId, Instant createdAt, Instant activatedAt,
		Instant retiredAt, Instant revokedAt) {

	public JWK publicJwk() {
		return algorithm.publicJwk(kid, publicKey);
	}

	/** When a RETIRED key leaves the JWKS. */
	public Instant removalAt(Duration retention) {
		return retiredAt == null ? null : retiredAt.plus(retention);
	}

	@Override
	public String toString() {
		return "RingKey[" + kid + ", " + keySet + ", " + algorithm + ", " + state + "]";
	}
}
