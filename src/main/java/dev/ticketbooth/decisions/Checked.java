package dev.ticketbooth.decisions;

/**
 * A decision and, when it allows, what it allowed (for the sessions API, which admits it itself),
 * with the user's id once known (for the record of a denial).
 */
public record Checked(Decision decision, Admission admission, String userId) {
}
