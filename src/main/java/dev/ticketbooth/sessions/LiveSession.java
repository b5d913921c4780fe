package dev.ticketbooth.sessions;

import java.time.Instant;

/** A live session as operators see it; {@code handle} is the stored hash of its id, never the id. */
public record LiveSession(String handle, String partner, String video, String device, String openedBy, Instant startedAt,
		Instant expiresAt) {
}
