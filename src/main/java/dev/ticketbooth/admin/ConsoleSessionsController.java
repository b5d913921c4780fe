package dev.ticketbooth.admin;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.sessions.ViewerSessions;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Viewer sessions in the console: live counts per partner, and on a user's page (a
 * {@link UserPagePart}) their live sessions and devices with kick, remove device and "revoke all
 * tokens", all through {@link ViewerSessions} and {@link EndUsers} as the API does.
 */
@Controller
@Order(20)
class ConsoleSessionsController implements UserPagePart {

	static final String LIVE = "admin/sessions";

	static final String PART = "admin/user-sessions";

	private final ViewerSessions sessions;

	private final EndUsers users;

	ConsoleSessionsController(ViewerSessions sessions, EndUsers users) {
		this.sessions = sessions;
		this.users = users;
	}

	@Override
	public String template() {
		return PART;
	}

	@Override
	public void addTo(Model model, EndUser user) {
		model.addAttribute("sessions", sessions.live(user.username()));
		model.addAttribute("devices", sessions.devices(user.username()));
	}

	@GetMapping("/admin/sessions")
	String live(Model model) {
		var byPartner = sessions.liveByPartner();
		model.addAttribute("byPartner", byPartner);
		model.addAttribute("total", byPartner.values().stream().mapToLong(Long::longValue).sum());
		return LIVE;
	}

	@PostMapping("/admin/users/{username}/sessions/kick")
	String kick(@PathVariable String username, @RequestParam String handle, RedirectAttributes flash) {
		return act(username, flash, "Session ended.", () -> sessions.kick(handle));
	}

	@PostMapping("/admin/users/{username}/devices/remove")
	String removeDevice(@PathVariable String username, @RequestParam String device, RedirectAttributes flash) {
		return act(username, flash, "Device removed; its slot frees after the cooldown.",
				() -> sessions.removeDevice(username, device));
	}

	@PostMapping("/admin/users/{username}/revoke-tokens")
	String revokeTokens(@PathVariable String username, RedirectAttributes flash) {
		return act(username, flash, "Every token issued until now is revoked; live sessions ended.",
				() -> users.revokeTokens(username));
	}

	private static String act(String username, RedirectAttributes flash, String done, Runnable action) {
		try {
			action.run();
			Console.done(flash, done);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/admin/users/{u}").buildAndExpand(username).encode()
			.toUriString();
	}
}
