package dev.ticketbooth.decisions;

/** The answer: {@code allow}, the reason code, and whom and what it was about (when known). */
public record Decision(boolean allow, String reason, String user, String video) {
}
