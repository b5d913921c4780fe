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
