package dev.ticketbooth.users;

import java.time.Instant;

/**
 * Published, inside the revocation's transaction, when an operator revokes every token of an end
 * user: whatever holds a token or a session of theirs lets go of it (OAuth authorizations and
 * refresh tokens, live viewer sessions).
 */
public record EndUserTokensRevoked(String userId, String username, Instant revokedAt, int revocations) {
}
