package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers access tokens already verified, so a back end that calls the API many times with one
 * token pays for parsing and the signature check once. A cached token is answered only before its
 * {@code exp} and only while the key ring is unchanged: any key change (a revocation above all)
 * bumps the ring's generation and forgets every token, so the next call is verified again.
 * Failures are never cached. Bounded: past {@code capacity} tokens the memory starts afresh.
 */
public final class VerifiedAccessTokens implements JwtDecoder {

	private final JwtDecoder decoder;

	private final LongSupplier keyRingGeneration;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	private volatile long generation;

	public VerifiedAccessTokens(JwtDecoder decoder, LongSupplier keyRingGeneration, Clock clock, int capacity) {
		this.decoder = decoder;
		this.keyRingGeneration = keyRingGeneration;
		this.clock = clock;
		this.capacity = capacity;
		this.generation = keyRingGeneration.getAsLong();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		long current = keyRingGeneration.getAsLong();
		if (current != generation) {
			verified.clear();
			generation = current;
		}
		Jwt known = verified.get(token);
		Instant now = clock.instant();
		if (known != null && known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())) {
			return known;
		}
		if (known != null) {
			verified.remove(token);
		}
		Jwt jwt = decoder.decode(token);
		if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt()) && current == keyRingGeneration.getAsLong()) {
			if (verified.size() >= capacity) {
				verified.clear();
			}
			verified.put(token, jwt);
		}
		return jwt;
	}
}
