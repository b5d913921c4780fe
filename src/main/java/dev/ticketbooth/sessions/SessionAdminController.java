package dev.ticketbooth.sessions;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of viewer sessions, under the admin API's chain (reads for VIEWER and ADMIN,
 * writes for ADMIN): live counts per partner, a user's live sessions and devices, kicking a
 * session and removing a device.
 */
@RestController
class SessionAdminController {

	private final ViewerSessions sessions;

	SessionAdminController(ViewerSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/admin/sessions")
	Map<String, Object> liveCounts() {
		Map<String, Long> byPartner = sessions.liveByPartner();
		return Map.of("live", byPartner.values().stream().mapToLong(Long::longValue).sum(), "by_partner", byPartner);
	}

	/** By the handle a listing shows ({@code sha256:...}) or the session id: its next heartbeat gets 410 {@code kicked}. */
	@DeleteMapping("/api/admin/sessions/{id}")
	ResponseEntity<Void> kick(@PathVariable String id) {
		sessions.kick(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/admin/users/{username}/sessions")
	List<LiveSession> userSessions(@PathVariable String username) {
		return sessions.live(username);
	}

	@GetMapping("/api/admin/users/{username}/devices")
	List<ViewerSessions.DeviceView> devices(@PathVariable String username) {
		return sessions.devices(username);
	}

	@DeleteMapping("/api/admin/users/{username}/devices/{device}")
	ResponseEntity<Void> removeDevice(@PathVariable String username, @PathVariable String device) {
		sessions.removeDevice(username, device);
		return ResponseEntity.noContent().build();
	}
}
