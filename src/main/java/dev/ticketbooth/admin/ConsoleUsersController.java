package dev.ticketbooth.admin;

import java.util.Arrays;
import java.util.List;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.keys.SecretHashes;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Users: a searchable, paged list; create, disable, enable, delete, reset a password and set
 * roles, all through {@link EndUsers} and {@link Entitlements} as the API does. A user's page is
 * made of {@link UserPagePart}s.
 */
@Controller
class ConsoleUsersController {

	static final String USERS = "admin/users";

	static final String USER = "admin/user";

	static final int PAGE_SIZE = 25;

	private final EndUsers users;

	private final Entitlements entitlements;

	private final List<UserPagePart> parts;

	ConsoleUsersController(EndUsers users, Entitlements entitlements, List<UserPagePart> parts) {
		this.users = users;
		this.entitlements = entitlements;
		this.parts = parts;
	}

	@GetMapping("/admin/users")
	String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model,
			Authentication operator) {
		int current = Math.max(0, page);
		long total = users.count(q);
		model.addAttribute("q", q);
		model.addAttribute("users", users.search(q, current * PAGE_SIZE, PAGE_SIZE));
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
		model.addAttribute("canAct", Console.canAct(operator));
		return USERS;
	}

	/** Creates a user; an empty password is generated and shown once. */
	@PostMapping("/admin/users")
	String create(@RequestParam String username, @RequestParam(required = false) String password, Model model,
			RedirectAttributes flash) {
		boolean generate = password == null || password.isEmpty();
		String secret = generate ? SecretHashes.generate() : password;
		try {
			EndUser user = users.create(username.trim(), secret, true, true);
			if (generate) {
				return Console.created(model, "User " + user.username() + " created",
						"Password (give it to the user; it is not shown again)", secret, page(user.username()));
			}
			Console.done(flash, "Created user " + user.username() + ".");
			return "redirect:" + page(user.username());
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/users";
		}
	}

	@GetMapping("/admin/users/{username}")
	String user(@PathVariable String username, Model model, Authentication operator) {
		EndUser user = users.get(username);
		model.addAttribute("user", user);
		model.addAttribute("roles", entitlements.roles(user.id()));
		model.addAttribute("canAct", Console.canAct(operator));
		parts.forEach(part -> part.addTo(model, user));
		model.addAttribute("parts", parts.stream().map(UserPagePart::template).toList());
		return USER;
	}

	@PostMapping("/admin/users/{username}/enable")
	String enable(@PathVariable String username, RedirectAttributes flash) {
		return update(username, () -> users.update(username, null, true), "Enabled " + username + ".", flash);
	}

	@GetMapping("/admin/users/{username}/disable")
	String confirmDisable(@PathVariable String username, Model model) {
		return Console.confirm(model, "Disable user " + username, "The user can no longer sign in or watch; their "
				+ "sign-in sessions and OAuth authorizations end now. Enabling them again restores access, not the sessions.",
				page(username) + "/disable", page(username));
	}

	@PostMapping("/admin/users/{username}/disable")
	String disable(@PathVariable String username, RedirectAttributes flash) {
		return update(username, () -> users.update(username, null, false), "Disabled " + username + ".", flash);
	}

	@GetMapping("/admin/users/{username}/delete")
	String confirmDelete(@PathVariable String username, Model model) {
		return Console.confirm(model, "Delete user " + username, "The user, their grants and roles, sign-in sessions and "
				+ "OAuth authorizations are removed for good.", page(username) + "/delete", page(username));
	}

	@PostMapping("/admin/users/{username}/delete")
	String delete(@PathVariable String username, RedirectAttributes flash) {
		try {
			users.delete(username);
			Console.done(flash, "Deleted user " + username + ".");
			return "redirect:/admin/users";
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/users";
		}
	}

	/** A new password; an empty one is generated and shown once. */
	@PostMapping("/admin/users/{username}/password")
	String resetPassword(@PathVariable String username, @RequestParam(required = false) String password, Model model,
			RedirectAttributes flash) {
		boolean generate = password == null || password.isEmpty();
		String secret = generate ? SecretHashes.generate() : password;
		try {
			users.update(username, secret, null);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:" + page(username);
		}
		if (generate) {
			return Console.created(model, "New password for " + username,
					"Password (give it to the user; it is not shown again)", secret, page(username));
		}
		Console.done(flash, "Set a new password for " + username + ".");
		return "redirect:" + page(username);
	}

	/** The user's roles, comma- or space-separated; empty removes them all. */
	@PostMapping("/admin/users/{username}/roles")
	String roles(@PathVariable String username, @RequestParam(defaultValue = "") String roles, RedirectAttributes flash) {
		List<String> list = Arrays.stream(roles.split("[,\\s]+")).filter(r -> !r.isBlank()).toList();
		return update(username, () -> entitlements.setRoles(username, list), "Roles of " + username + ": " + list + ".",
				flash);
	}

	private String update(String username, Runnable change, String done, RedirectAttributes flash) {
		try {
			change.run();
			Console.done(flash, done);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:" + page(username);
	}

	static String page(String username) {
		return "/admin/users/" + UriUtils.encodePathSegment(username, java.nio.charset.StandardCharsets.UTF_8);
	}
}
