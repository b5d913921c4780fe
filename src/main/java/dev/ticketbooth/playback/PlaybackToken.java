package dev.ticketbooth.playback;

import java.time.Instant;
import java.util.Map;

/**
 * A minted token, when it expires, and the player URLs that carry it; {@code tokens} by name when
 * the platform takes one token per use (Mux: {@code v}, {@code t}, ...), {@code token} being the first.
 */
public record PlaybackToken(String token, Instant expiresAt, Map<String, String> urls, Map<String, String> tokens) {
}
