package dev.ticketbooth.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import com.nimbusds.jose.jwk.JWK;
import dev.ticketbooth.config.ApiProblemException;

/**
 * A key as the server uses it: decrypted and ready to sign (when it may) or verify.
 * {@code privateKey} is null for REVOKED keys, whose private half is erased. An HS256 secret has
 * no {@code publicKey} or {@code privateKey} but a {@code secret} (null once REVOKED).
 */
public record RingKey(String kid, String keySet, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin,
		PublicKey publicKey, PrivateKey privateKey, String partnerKeyId, Instant createdAt, Instant activatedAt,
		Instant retiredAt, Instant revokedAt, SecretKey secret) {

	public RingKey(String kid, String keySet, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin,
			PublicKey publicKey, PrivateKey privateKey, String partnerKeyId, Instant createdAt, Instant activatedAt,
			Instant retiredAt, Instant revokedAt) {
		this(kid, keySet, algorithm, state, origin, publicKey, privateKey, partnerKeyId, createdAt, activatedAt, retiredAt,
				revokedAt, null);
	}

	/** The public JWK; null for an HS256 secret, which has none. */
	public JWK publicJwk() {
		return algorithm.symmetric() ? null : algorithm.publicJwk(kid, publicKey);
	}

	/**
	 * The public key to export as PEM; 409 {@code secret-not-exported} for an HS256 secret, which has
	 * no public half and is never exported.
	 */
	public PublicKey exportablePublicKey() {
		if (algorithm.symmetric()) {
			throw ApiProblemException.conflict("secret-not-exported",
					"Key " + kid + " is an HS256 secret shared with a CDN: it has no public key, and secrets are never exported");
		}
		return publicKey;
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
