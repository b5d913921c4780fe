package dev.ticketbooth.admin;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerProfile;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.PartnerRules;
import dev.ticketbooth.partners.Partners;

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
 * Partners: the list (callback passwords masked), creation (a generated callback password shown
 * once), every setting the API has on one form (lifetimes, issuer and audience, claim names, URL
 * templates, dialect settings, rules with time windows), callback credentials, and deletion behind
 * a confirmation. All through {@link Partners}.
 */
@Controller
class ConsolePartnersController {

	static final String LIST = "admin/partners";

	static final String EDIT = "admin/partner";

	private final Partners partners;

	ConsolePartnersController(Partners partners) {
		this.partners = partners;
	}

	/** The edit form: maps as {@code name=value} lines, lists comma-separated, windows one per line. */
	record PartnerForm(String keySet, String algorithm, String issuer, String audience, String defaultLifetimeSeconds,
			String maxLifetimeSeconds, String claimNames, String urlTemplates, Boolean libraryTokens,
			Boolean allowPlainUserIds, String settings, String ips, String origins, String countries, String windows) {

		PartnerRequest request(String id) {
			Map<String, Object> rules = new LinkedHashMap<>();
			rules.put("ips", list(ips));
			rules.put("origins", list(origins));
			rules.put("countries", list(countries));
			rules.put("windows", PartnerForms.windows(windows));
			return new PartnerRequest(id, null, Console.blankToNull(keySet), Console.blankToNull(issuer),
					Console.blankToNull(audience), Console.number("Default lifetime", defaultLifetimeSeconds),
					Console.number("Maximum lifetime", maxLifetimeSeconds), PartnerForms.pairs("Claim names", claimNames),
					PartnerForms.pairs("URL templates", urlTemplates), libraryTokens, null, null, allowPlainUserIds, rules,
					Console.blankToNull(algorithm), PartnerForms.pairs("Settings", settings));
		}

		private static List<String> list(String value) {
			return value == null ? List.of() : Arrays.stream(value.split("[,\\s]+")).filter(v -> !v.isBlank()).toList();
		}
	}

	@GetMapping("/admin/partners")
	String list(Model model, Authentication operator) {
		model.addAttribute("partners", partners.list());
		model.addAttribute("profiles", Arrays.stream(PartnerProfile.values()).map(PartnerProfile::wireName).toList());
		model.addAttribute("canAct", Console.canAct(operator));
		return LIST;
	}

	/** Creates a partner; its generated callback password is shown on the next page, once. */
	@PostMapping("/admin/partners")
	String create(@RequestParam String id, @RequestParam String profile,
			@RequestParam(defaultValue = KeySet.DEFAULT) String keySet, @RequestParam(required = false) String callbackUsername,
			Model model, RedirectAttributes flash) {
		try {
			String user = Console.blankToNull(callbackUsername);
			Partners.Created created = partners.create(new PartnerRequest(id.trim(), profile, keySet, null, null, null, null,
					null, null, null, user, null, false, null, null));
			return Console.created(model, "Partner " + id + " created", "Callback password for " + user
					+ " (give it to the platform; it is not shown again)", created.callbackPassword(), "/admin/partners/" + id);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/partners";
		}
	}

	@GetMapping("/admin/partners/{id}")
	String edit(@PathVariable String id, Model model, Authentication operator) {
		Partner partner = partners.get(id);
		model.addAttribute("p", partner);
		model.addAttribute("claimNames", PartnerForms.lines(partner.claimNames()));
		model.addAttribute("urlTemplates", PartnerForms.lines(partner.urlTemplates()));
		model.addAttribute("settings", PartnerForms.lines(partner.settings()));
		model.addAttribute("windows", partner.rules().windows().stream().map(PartnerForms::window)
			.collect(Collectors.joining("\n")));
		model.addAttribute("canAct", Console.canAct(operator));
		return EDIT;
	}

	@PostMapping("/admin/partners/{id}")
	String update(@PathVariable String id, @ModelAttribute PartnerForm form, RedirectAttributes flash) {
		try {
			partners.update(id, form.request(id));
			Console.done(flash, "Saved partner " + id + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/partners/" + id;
	}

	/** New callback credentials; an empty password is generated and shown once. */
	@PostMapping("/admin/partners/{id}/callback")
	String callback(@PathVariable String id, @RequestParam String username, @RequestParam(required = false) String password,
			Model model, RedirectAttributes flash) {
		boolean generate = password == null || password.isEmpty();
		try {
			String secret = partners.setCallbackCredentials(id, username.trim(), generate ? null : password);
			if (generate) {
				return Console.created(model, "New callback credentials for " + id, "Callback password for "
						+ username.trim() + " (give it to the platform; it is not shown again)", secret, "/admin/partners/" + id);
			}
			Console.done(flash, "Saved the callback credentials of " + id + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/partners/" + id;
	}

	@GetMapping("/admin/partners/{id}/delete")
	String confirmDelete(@PathVariable String id, Model model) {
		partners.get(id);
		return Console.confirm(model, "Delete partner " + id, "Tokens can no longer be minted for " + id + ", and its "
				+ "platform's callbacks and tokens are refused from now on.", "/admin/partners/" + id + "/delete",
				"/admin/partners/" + id);
	}

	@PostMapping("/admin/partners/{id}/delete")
	String delete(@PathVariable String id, RedirectAttributes flash) {
		try {
			partners.delete(id);
			Console.done(flash, "Deleted partner " + id + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/partners";
	}

	/** Days names as rules write them: mon, tue... */
	static String day(DayOfWeek day) {
		return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
	}
}
