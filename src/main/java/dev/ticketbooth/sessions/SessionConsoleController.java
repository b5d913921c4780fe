package dev.ticketbooth.sessions;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.users.EndUsers;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's session pages and buttons (console session, ADMIN and CSRF for the buttons, as
 * every {@code /admin/**} write): live counts per partner, and kick, remove device and "revoke all
 * tokens" from a user's page ({@code /admin/users?q=...}, which lists their sessions and devices).
 */
@Controller
class SessionConsoleController {

	static final String LIVE_VIEW = "sessions/live";

	private final ViewerSessions sessions;

	private final EndUsers users;

	SessionConsoleController(ViewerSessions sessions, EndUsers users) {
		this.sessions = sessions;
		this.users = users;
	}

	@GetMapping("/admin/sessions")
	String live(Model model) {
		var byPartner = sessions.liveByPartner();
		model.addAttribute("byPartner", byPartner);
		model.addAttribute("total", byPartner.values().stream().mapToLong(Long::longValue).sum());
		return LIVE_VIEW;
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
			flash.addFlashAttribute("message", done);
		}
		catch (ApiProblemException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/admin/users").queryParam("q", username).encode().toUriString();
	}
}
