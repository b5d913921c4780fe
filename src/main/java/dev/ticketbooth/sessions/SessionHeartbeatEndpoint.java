package dev.ticketbooth.sessions;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.config.LeanEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;

/**
 * {@code POST /api/v1/sessions/{id}/heartbeat} on the lean path (see {@link LeanEndpoint}): every
 * player sends one every 30 s, authenticated by the session id alone, as
 * {@link SessionController} answers it (CORS when the session's partner allows the origin,
 * {@code Cache-Control: no-store}). An id that is not plain base64url, another method or an
 * {@code Accept} without JSON goes on to the sessions chain and the controller.
 */
final class SessionHeartbeatEndpoint extends LeanEndpoint {

	static final String PATHS = "/api/v1/sessions/*";

	private static final Pattern HEARTBEAT = Pattern.compile("/api/v1/sessions/([A-Za-z0-9_-]{1,64})/heartbeat");

	private static final String ID = SessionHeartbeatEndpoint.class.getName() + ".id";

	/** As the controller sets it. */
	private static final String NO_STORE = CacheControl.noStore().getHeaderValue();

	private final ViewerSessions sessions;

	private final SessionCors cors;

	SessionHeartbeatEndpoint(ViewerSessions sessions, SessionCors cors, JsonMapper json) {
		super(json);
		this.sessions = sessions;
		this.cors = cors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		Matcher heartbeat = HEARTBEAT.matcher(request.getRequestURI());
		if (!heartbeat.matches()) {
			return true;
		}
		request.setAttribute(ID, heartbeat.group(1));
		return false;
	}

	@Override
	protected boolean takes(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && acceptsJson(request);
	}

	@Override
	protected String cacheControl() {
		return NO_STORE;
	}

	@Override
	protected void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String id = (String) request.getAttribute(ID);
		cors.allowIfSessionPartnerDoes(id, request.getHeader("Origin"), response);
		Instant expiresAt = sessions.heartbeat(id);
		writeJson(response, HttpServletResponse.SC_OK, Map.of("expires_at", expiresAt.toString()));
	}
}
