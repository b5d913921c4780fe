package dev.ticketbooth.keys;

import java.time.Instant;

/** A row of {@code signing_keys}: the public key in base64 SPKI, the private key only as ciphertext. */
record StoredKey(String kid, String keySet, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin, String publicKey,
		String privateKeyCiphertext, String partnerKeyId, Instant createdAt, Instant activatedAt, Instant retiredAt,
		Instant revokedAt) {
}
