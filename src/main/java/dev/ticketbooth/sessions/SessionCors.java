package dev.ticketbooth.sessions;

import java.util.List;

import dev.ticketbooth.partners.AllowRules;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

/**
 * CORS for the sessions API, without credentials (no cookie is ever sent or set). A start echoes
 * the caller's origin once the decision passed the token's and the partner's origin rules (or
 * refused for another reason, so the player can read why); heartbeats and stops echo it when the
 * session's partner allows it (a partner without origin rules allows any).
 */
@Component
class SessionCors {

	private final ViewerSessions sessions;

	SessionCors(ViewerSessions sessions) {
		this.sessions = sessions;
	}

	/** Heartbeats and stops, browsers only (an {@code Origin}): one look-up of the session's partner and its origin rules. */
	void allowIfSessionPartnerDoes(String id, String origin, HttpServletResponse response) {
		if (origin != null && !origin.isBlank() && sessions.originAllowed(id, origin)) {
			allow(origin, response);
		}
	}

	void allow(String origin, HttpServletResponse response) {
		if (origin == null || origin.isBlank()) {
			return;
		}
		try {
			AllowRules.of(null, List.of(origin), null); // a web origin: scheme, host and port only
		}
		catch (RuntimeException ex) {
			return;
		}
		response.setHeader("Access-Control-Allow-Origin", origin);
		response.addHeader("Vary", "Origin");
	}
}
