package dev.ticketbooth.sessions;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own devices, as the web back end (which mints their tokens, bearer scope
 * {@code playback:mint}) lists and removes them for them on its account page.
 */
@RestController
class ViewerDeviceController {

	private final ViewerSessions sessions;

	ViewerDeviceController(ViewerSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/v1/users/{username}/devices")
	List<ViewerSessions.DeviceView> devices(@PathVariable String username) {
		return sessions.devices(username);
	}

	@DeleteMapping("/api/v1/users/{username}/devices/{device}")
	ResponseEntity<Void> remove(@PathVariable String username, @PathVariable String device) {
		sessions.removeDevice(username, device);
		return ResponseEntity.noContent().build();
	}
}
