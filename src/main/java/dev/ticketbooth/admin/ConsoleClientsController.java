package dev.ticketbooth.admin;

import java.util.Arrays;
import java.util.List;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.oidc.OidcClients;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * OAuth clients: create (a generated secret shown once), edit, delete and rotate the secret (shown
 * once), the last two behind a confirmation. All through {@link OidcClients}.
 */
@Controller
class ConsoleClientsController {

	static final String LIST = "admin/clients";

	static final String EDIT = "admin/client";

	private final OidcClients clients;

	ConsoleClientsController(OidcClients clients) {
		this.clients = clients;
	}

	/** A client as its form sends it: lists space- or comma-separated, lifetimes in seconds. */
	record ClientForm(String clientId, String name, Boolean publicClient, String grantTypes, String redirectUris,
			String scopes, String enrichment, String accessTokenSeconds, String refreshTokenSeconds) {

		OidcClients.ClientRequest request() {
			return new OidcClients.ClientRequest(Console.blankToNull(clientId), Console.blankToNull(name),
					Boolean.TRUE.equals(publicClient), list(grantTypes), list(redirectUris) == null ? List.of()
							: list(redirectUris), list(scopes), null, Console.blankToNull(enrichment), null, null, null, null,
					Console.number("Access token lifetime", accessTokenSeconds),
					Console.number("Refresh token lifetime", refreshTokenSeconds), null);
		}

		private static List<String> list(String value) {
			List<String> out = value == null ? List.of()
					: Arrays.stream(value.split("[,\\s]+")).filter(v -> !v.isBlank()).toList();
			return out.isEmpty() ? null : out;
		}
	}

	@GetMapping("/admin/clients")
	String list(Model model, Authentication operator) {
		model.addAttribute("clients", clients.clientIds().stream().map(clients::get).toList());
		model.addAttribute("canAct", Console.canAct(operator));
		return LIST;
	}

	@PostMapping("/admin/clients")
	String create(@ModelAttribute ClientForm form, Model model, RedirectAttributes flash) {
		try {
			OidcClients.Created created = clients.create(form.request());
			String id = created.client().getClientId();
			return Console.created(model, "Client " + id + " created", "Client secret (it is not shown again)",
					created.secret(), "/admin/clients/" + id);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/clients";
		}
	}

	@GetMapping("/admin/clients/{clientId}")
	String edit(@PathVariable String clientId, Model model, Authentication operator) {
		RegisteredClient client = clients.get(clientId);
		model.addAttribute("c", client);
		model.addAttribute("isPublic", client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE));
		model.addAttribute("grantTypes", String.join(" ", client.getAuthorizationGrantTypes().stream()
			.map(g -> g.getValue()).sorted().toList()));
		model.addAttribute("enrichment", String.valueOf(client.getClientSettings().getSettings()
			.getOrDefault("ticketbooth.enrichment", "none")));
		model.addAttribute("canAct", Console.canAct(operator));
		return EDIT;
	}

	@PostMapping("/admin/clients/{clientId}")
	String update(@PathVariable String clientId, @ModelAttribute ClientForm form, RedirectAttributes flash) {
		try {
			clients.update(clientId, form.request());
			Console.done(flash, "Saved client " + clientId + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/clients/" + clientId;
	}

	@GetMapping("/admin/clients/{clientId}/rotate-secret")
	String confirmRotate(@PathVariable String clientId, Model model) {
		clients.get(clientId);
		return Console.confirm(model, "Rotate the secret of " + clientId, "A new secret is generated and shown once; the "
				+ "old one stops working at once, so the client's next token request must use the new one. Access tokens "
				+ "already issued run until they expire.", "/admin/clients/" + clientId + "/rotate-secret",
				"/admin/clients/" + clientId);
	}

	@PostMapping("/admin/clients/{clientId}/rotate-secret")
	String rotate(@PathVariable String clientId, Model model, RedirectAttributes flash) {
		try {
			return Console.created(model, "New secret for " + clientId, "Client secret (it is not shown again)",
					clients.rotateSecret(clientId), "/admin/clients/" + clientId);
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
			return "redirect:/admin/clients/" + clientId;
		}
	}

	@GetMapping("/admin/clients/{clientId}/delete")
	String confirmDelete(@PathVariable String clientId, Model model) {
		clients.get(clientId);
		return Console.confirm(model, "Delete client " + clientId, "The client, its authorizations, tokens and consents "
				+ "are removed; its users must sign in again through another client.", "/admin/clients/" + clientId
						+ "/delete", "/admin/clients/" + clientId);
	}

	@PostMapping("/admin/clients/{clientId}/delete")
	String delete(@PathVariable String clientId, RedirectAttributes flash) {
		try {
			clients.delete(clientId);
			Console.done(flash, "Deleted client " + clientId + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return "redirect:/admin/clients";
	}
}
