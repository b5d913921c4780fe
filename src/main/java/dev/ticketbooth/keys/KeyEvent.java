package dev.ticketbooth.keys;

/**
 * A change to the key ring, published for the audit trail.
 *
 * @param action created, promoted, retired, revoked, imported, removed or set-created
 * @param origin {@code system} (the schedule) unless a caller says otherwise ({@code cli})
 */
public record KeyEvent(String action, String set, String kid, String origin) {
}
