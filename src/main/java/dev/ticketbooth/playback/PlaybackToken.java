package dev.ticketbooth.playback;

import java.time.Instant;
import java.util.Map;

/** A minted token, when it expires, and the player URLs that carry it. */
public record PlaybackToken(String token, Instant expiresAt, Map<String, String> urls) {
}
