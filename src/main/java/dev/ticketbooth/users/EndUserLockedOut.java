package dev.ticketbooth.users;

/**
 * Published, inside the change's transaction, when an end user is disabled or deleted: whatever
 * holds a sign-in of theirs (login sessions, OAuth authorizations) lets go of it, on every node,
 * since all of it lives in the shared database.
 */
public record EndUserLockedOut(String username, boolean deleted) {
}
