package dev.ticketbooth.keys;

import java.time.Instant;

/**
 * A row of {@code signing_keys}: the public key in base64 SPKI, the private key only as ciphertext;
 * an HS256 secret has no public key, its secret being sealed like a private key.
 */
record StoredKey(String kid, String keySet, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin, String publicKey,
		String privateKeyCiphertext, String partnerKeyId, Instant createdAt, Instant activatedAt, Instant retiredAt,
		Instant revokedAt) {
}
