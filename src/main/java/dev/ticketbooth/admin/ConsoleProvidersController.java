package dev.ticketbooth.admin;

import java.util.List;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.login.Providers;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Applicaster providers: the list with secrets masked; a generated secret is shown once, at creation. */
@Controller
class ConsoleProvidersController {

	static final String LIST = "admin/list";

	private final Providers providers;

	ConsoleProvidersController(Providers providers) {
		this.providers = providers;
	}

	@GetMapping("/admin/providers")
	String providers(Model model, Authentication operator) {
		model.addAttribute("create", Console.canAct(operator) ? "provider" : null);
		model.addAttribute("title", "Applicaster providers");
		model.addAttribute("headers", List.of("id", "name", "issuer", "lifetime", "redirect URIs", "secret"));
		model.addAttribute("rows", providers.list().stream().map(p -> List.of(p.id(), p.displayName(), p.issuerName(),
				p.tokenLifetime().toString(), String.join(" ", p.redirectUris()), "•••••• (shown once at creation)")).toList());
		return LIST;
	}

	@PostMapping("/admin/providers")
	String createProvider(@RequestParam String id, @RequestParam String displayName, @RequestParam String issuerName,
			@RequestParam String redirectUris, @RequestParam(required = false) String secret, Model model,
			RedirectAttributes flash) {
		try {
			Providers.Created created = providers.create(id, displayName, issuerName, null,
					redirectUris.lines().map(String::trim).filter(l -> !l.isEmpty()).toList(),
					secret == null || secret.isBlank() ? null : secret);
			return Console.created(model, "Provider " + id + " created",
					"Pre-shared secret (paste it into the Applicaster CMS; it is not shown again)",
					secret == null || secret.isBlank() ? created.secret() : null, "/admin/providers");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/providers";
		}
	}
}
