package dev.ticketbooth.sessions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.config.ApiProblemException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The players' sessions API: start with the playback token, heartbeat and stop with the session
 * id alone. No cookies, no CSRF (nothing ambient authenticates these calls); CORS answers carry
 * the caller's origin when the partner allows it ({@link SessionCors}).
 */
@RestController
class SessionController {

	private static final int MAX_BYTES = 32 * 1024;

	private final ViewerSessions sessions;

	private final SessionCors cors;

	private final SessionProperties properties;

	SessionController(ViewerSessions sessions, SessionCors cors, SessionProperties properties) {
		this.sessions = sessions;
		this.cors = cors;
		this.properties = properties;
	}

	@PostMapping("/api/v1/sessions")
	ResponseEntity<Map<String, Object>> start(InputStream body, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Map<String, Object> json = parse(body.readNBytes(MAX_BYTES + 1));
		String origin = request.getHeader("Origin");
		ViewerSessions.Started started;
		try {
			started = sessions.start(required(json, "token"), optional(json, "video"), optional(json, "device"),
					request.getRemoteAddr(), origin, request.getHeader("User-Agent"));
		}
		catch (ApiProblemException ex) {
			if (!"origin-not-allowed".equals(ex.code())) {
				cors.allow(origin, response); // the player may read why (no partner is known for a bad token)
			}
			throw ex;
		}
		cors.allow(origin, response);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("session", started.id());
		answer.put("heartbeat_seconds", properties.heartbeat().toSeconds());
		answer.put("expires_at", started.expiresAt().toString());
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(answer);
	}

	@PostMapping("/api/v1/sessions/{id}/heartbeat")
	ResponseEntity<Map<String, Object>> heartbeat(@PathVariable String id, HttpServletRequest request,
			HttpServletResponse response) {
		cors.allowIfSessionPartnerDoes(id, request.getHeader("Origin"), response);
		Instant expiresAt = sessions.heartbeat(id);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("expires_at", expiresAt.toString()));
	}

	@DeleteMapping("/api/v1/sessions/{id}")
	ResponseEntity<Void> stop(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
		cors.allowIfSessionPartnerDoes(id, request.getHeader("Origin"), response);
		sessions.stop(id);
		return ResponseEntity.noContent().build();
	}

	private static Map<String, Object> parse(byte[] body) {
		if (body.length == 0 || body.length > MAX_BYTES) {
			throw ApiProblemException.badRequest("malformed-request", "The body must be a JSON object of at most "
					+ MAX_BYTES + " bytes");
		}
		try {
			return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
		}
		catch (ParseException | RuntimeException ex) {
			throw ApiProblemException.badRequest("malformed-request", "The body is not a JSON object");
		}
	}

	private static String required(Map<String, Object> json, String field) {
		String value = optional(json, field);
		if (value == null || value.isEmpty()) {
			throw ApiProblemException.badRequest("missing-field", "The field '" + field + "' is required");
		}
		return value;
	}

	private static String optional(Map<String, Object> json, String field) {
		Object value = json.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw ApiProblemException.badRequest("invalid-field", "The field '" + field + "' must be a string");
		}
		return text;
	}
}
