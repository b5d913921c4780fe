package dev.ticketbooth.users;

import java.time.Instant;

/**
 * A person who signs in to watch. {@code id} is the {@code sub} of every token minted for them.
 *
 * @param tokensRevokedAt tokens issued at or before this instant are denied (null: never revoked)
 * @param tokenRevocations how many times all their tokens were revoked (IVS's viewer-session version)
 */
public record EndUser(String id, String username, boolean enabled, Instant createdAt, Instant tokensRevokedAt,
		int tokenRevocations) {

	public EndUser(String id, String username, boolean enabled, Instant createdAt) {
		this(id, username, enabled, createdAt, null, 0);
	}
}
