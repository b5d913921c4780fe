package dev.ticketbooth.decisions;

/** A decision and, when it allows, what it allowed (for the sessions API, which admits it itself). */
public record Checked(Decision decision, Admission admission) {
}
