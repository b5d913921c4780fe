package dev.ticketbooth.admin;

import java.util.List;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.entitlements.Grant;
import dev.ticketbooth.entitlements.GrantKind;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's grants: listed on the user's page (a {@link UserPagePart}), added, edited and revoked
 * (behind a confirmation), and imported from CSV with each bad line's error shown. All through
 * {@link Grants}, as the API.
 */
@Controller
@Order(10)
class ConsoleGrantsController implements UserPagePart {

	static final String PART = "admin/user-grants";

	static final String EDIT = "admin/grant";

	static final String IMPORT = "admin/grants-import";

	private final Grants grants;

	private final EndUsers users;

	ConsoleGrantsController(Grants grants, EndUsers users) {
		this.grants = grants;
		this.users = users;
	}

	/** A grant as its form sends it; empty fields are "not given". */
	record GrantForm(String collection, String video, String kind, String quality, String streamCount, String validFrom,
			String validUntil, String externalRef) {

		GrantRequest request(String username) {
			Long streams = Console.number("Streams", streamCount);
			return new GrantRequest(username, Console.blankToNull(collection), Console.blankToNull(video), kind,
					Console.blankToNull(quality), streams == null ? null : (int) Math.max(Integer.MIN_VALUE,
							Math.min(Integer.MAX_VALUE, streams)), Console.blankToNull(validFrom),
					Console.blankToNull(validUntil), Console.blankToNull(externalRef));
		}
	}

	@Override
	public String template() {
		return PART;
	}

	@Override
	public void addTo(Model model, EndUser user) {
		model.addAttribute("grants", grants.forUser(user.id()));
		model.addAttribute("kinds", List.of(GrantKind.values()));
	}

	@PostMapping("/admin/users/{username}/grants")
	String add(@PathVariable String username, @ModelAttribute GrantForm form, RedirectAttributes flash) {
		try {
			Grant grant = grants.save(form.request(username));
			Console.done(flash, "Saved grant " + grant.id() + " (" + grant.kind() + " of "
					+ (grant.collectionId() != null ? grant.collectionId() : grant.videoId()) + ").");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:" + ConsoleUsersController.page(username);
	}

	@GetMapping("/admin/grants/{id}")
	String edit(@PathVariable String id, Model model, Authentication operator) {
		Grant grant = grants.get(id);
		model.addAttribute("canAct", Console.canAct(operator));
		model.addAttribute("grant", grant);
		model.addAttribute("username", users.findById(grant.userId()).map(EndUser::username).orElseThrow());
		model.addAttribute("kinds", List.of(GrantKind.values()));
		return EDIT;
	}

	@PostMapping("/admin/grants/{id}")
	String update(@PathVariable String id, @ModelAttribute GrantForm form, RedirectAttributes flash) {
		String username = owner(id);
		try {
			grants.update(id, form.request(username));
			Console.done(flash, "Updated grant " + id + ".");
			return "redirect:" + ConsoleUsersController.page(username);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/grants/" + id;
		}
	}

	@GetMapping("/admin/grants/{id}/revoke")
	String confirmRevoke(@PathVariable String id, Model model) {
		String username = owner(id);
		return Console.confirm(model, "Revoke grant " + id, "The grant is removed; " + username
				+ " loses what it covered at once (tokens already minted run out at their expiry).",
				"/admin/grants/" + id + "/revoke", ConsoleUsersController.page(username));
	}

	@PostMapping("/admin/grants/{id}/revoke")
	String revoke(@PathVariable String id, RedirectAttributes flash) {
		String username = owner(id);
		try {
			grants.delete(id);
			Console.done(flash, "Revoked grant " + id + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:" + ConsoleUsersController.page(username);
	}

	@GetMapping("/admin/grants/import")
	String importForm(Model model, Authentication operator) {
		model.addAttribute("canAct", Console.canAct(operator));
		return IMPORT;
	}

	/** All or nothing; a refused file comes back with each bad line's error, the CSV still in the form. */
	@PostMapping("/admin/grants/import")
	String importCsv(@RequestParam(defaultValue = "") String csv, Model model) {
		model.addAttribute("canAct", true);
		try {
			model.addAttribute("message", "Imported " + grants.importCsv(csv) + " grant(s).");
		}
		catch (ApiProblemException ex) {
			Console.refusedStatus(ex.status());
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("errors", ex.properties().getOrDefault("errors", List.of()));
			model.addAttribute("csv", csv);
		}
		return IMPORT;
	}

	private String owner(String id) {
		Grant grant = grants.get(id);
		return users.findById(grant.userId()).map(EndUser::username)
			.orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND, "unknown-grant", "No grant '" + id + "'"));
	}
}
