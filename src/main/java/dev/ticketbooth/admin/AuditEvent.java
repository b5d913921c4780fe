package dev.ticketbooth.admin;

import java.time.Instant;

/**
 * One line of the audit trail.
 *
 * @param actor the admin's username, {@code system} for the schedule, {@code cli} for the command line
 * @param outcome an HTTP status for API actions, {@code done} for key events
 */
public record AuditEvent(long id, Instant at, String actor, String action, String target, String outcome, String ip) {
}
