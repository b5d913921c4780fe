package dev.ticketbooth.users;

import java.time.Instant;

/** A person who signs in to watch. {@code id} is the {@code sub} of every token minted for them. */
public record EndUser(String id, String username, boolean enabled, Instant createdAt) {
}
