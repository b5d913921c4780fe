package dev.ticketbooth.sessions;

/** Why a session ended, as a heartbeat's 410 says. */
final class SessionEnd {

	/** Another session took its place ({@code kick-oldest}), or an operator ended it. */
	static final String KICKED = "kicked";

	/** The user's tokens were revoked (or the account was disabled). */
	static final String REVOKED = "revoked";

	/** No heartbeat within {@code ticketbooth.sessions.timeout}. */
	static final String EXPIRED = "expired";

	/** The player ended it ({@code DELETE /api/v1/sessions/{id}}). */
	static final String STOPPED = "stopped";

	private SessionEnd() {
	}
}
