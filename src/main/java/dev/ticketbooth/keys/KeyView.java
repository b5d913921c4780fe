package dev.ticketbooth.keys;

import java.time.Instant;
import java.util.Map;

/** A key as the operator API and CLI show it: no private material; no JWK for an HS256 secret. */
public record KeyView(String kid, String set, KeyAlgorithm algorithm, KeyState state, KeyOrigin origin,
		String partnerKeyId, Instant createdAt, Instant activatedAt, Instant retiredAt, Instant revokedAt,
		Instant promotableAt, Instant removalAt, Map<String, Object> jwk) {

	static KeyView of(RingKey key, KeyProperties properties) {
		return new KeyView(key.kid(), key.keySet(), key.algorithm(), key.state(), key.origin(), key.partnerKeyId(),
				key.createdAt(), key.activatedAt(), key.retiredAt(), key.revokedAt(),
				// a NEXT secret waits for no JWKS cache: it may sign once the CDN holds it
				key.state() == KeyState.NEXT && !key.algorithm().symmetric()
						? RotationSchedule.of(properties).promotableAt(key.createdAt()) : null,
				key.state() == KeyState.RETIRED ? key.removalAt(properties.retention()) : null,
				key.algorithm().symmetric() ? null : key.publicJwk().toJSONObject());
	}
}
