package dev.ticketbooth.playback;

import java.time.Instant;
import java.util.Map;

/**
 * A minted token, when it expires, and the player URLs that carry it; {@code tokens} by name when
 * the platform takes one token per use (Mux: {@code v}, {@code t}, ...), {@code token} being the first.
 * For a CDN: signed {@code urls}, the CDN's own {@code token} where it has one (Akamai, bunny.net),
 * and {@code cookies} (name to value) where it takes signed cookies (CloudFront, Akamai).
 */
public record PlaybackToken(String token, Instant expiresAt, Map<String, String> urls, Map<String, String> tokens,
		Map<String, String> cookies) {

	public PlaybackToken(String token, Instant expiresAt, Map<String, String> urls, Map<String, String> tokens) {
		this(token, expiresAt, urls, tokens, null);
	}
}
