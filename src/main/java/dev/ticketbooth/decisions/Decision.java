package dev.ticketbooth.decisions;

/**
 * The answer: {@code allow}, the reason code, and whom and what it was about (when known), with
 * the partner the token was minted for once its signature has shown it.
 */
public record Decision(boolean allow, String reason, String user, String video, String partner) {
}
