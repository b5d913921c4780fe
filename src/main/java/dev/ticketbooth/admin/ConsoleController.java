package dev.ticketbooth.admin;

import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.PemCodec;
import dev.ticketbooth.login.Providers;
import dev.ticketbooth.oidc.OidcClients;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.sessions.ViewerSessions;
import dev.ticketbooth.users.EndUsers;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator console's pages. Actions change things only through the same services as the API. */
@Controller
class ConsoleController {

	private final KeyRing ring;

	private final KeyRotation rotation;

	private final KeyProperties keyProperties;

	private final AuditTrail audit;

	private final EndUsers users;

	private final Grants grants;

	private final Entitlements entitlements;

	private final Partners partners;

	private final Providers providers;

	private final OidcClients clients;

	private final Clock clock;

	private final ViewerSessions sessions;

	ConsoleController(KeyRing ring, KeyRotation rotation, KeyProperties keyProperties, AuditTrail audit, EndUsers users,
			Grants grants, Entitlements entitlements, Partners partners, Providers providers, OidcClients clients, Clock clock,
			ViewerSessions sessions) {
		this.sessions = sessions;
		this.ring = ring;
		this.rotation = rotation;
		this.keyProperties = keyProperties;
		this.audit = audit;
		this.users = users;
		this.grants = grants;
		this.entitlements = entitlements;
		this.partners = partners;
		this.providers = providers;
		this.clients = clients;
		this.clock = clock;
	}

	@GetMapping("/admin/login")
	String login() {
		return "admin/login";
	}

	@GetMapping("/admin")
	String home() {
		return "redirect:/admin/keys";
	}

	@GetMapping("/admin/keys")
	String keys(Model model, Authentication operator) {
		ring.refreshIfChanged();
		List<Partner> all = partners.list();
		model.addAttribute("timelines", rotation.sets().stream()
			.map(set -> KeyTimeline.of(set, vendorKeyLimit(set, all), ring.keys(), keyProperties, clock.instant()))
			.toList());
		model.addAttribute("keys", ring.keys());
		model.addAttribute("audit", audit.recent(10));
		model.addAttribute("canAct", canAct(operator));
		return "admin/keys";
	}

	/** The smallest key limit of the platforms whose partners use the set, if any caps its keys. */
	private static OptionalInt vendorKeyLimit(KeySet set, List<Partner> all) {
		return all.stream().filter(p -> p.keySet().equals(set.name()))
			.map(p -> p.profile().dialect().vendorKeyLimit()).filter(OptionalInt::isPresent)
			.mapToInt(OptionalInt::getAsInt).min();
	}

	@GetMapping("/admin/keys/rotate")
	String confirmRotation(@RequestParam(defaultValue = KeySet.DEFAULT) String set, Model model) {
		model.addAttribute("title", "Rotate key set " + set);
		model.addAttribute("text", "The NEXT key of set '" + set + "' becomes ACTIVE, the ACTIVE key retires, and a new "
				+ "NEXT key is published. If the NEXT key is younger than the lead time, or has no partner key id while a "
				+ "platform using the set knows keys only by their ids, the rotation is refused unless forced.");
		model.addAttribute("action", "/admin/keys/rotate");
		model.addAttribute("set", set);
		model.addAttribute("forceable", true);
		return "admin/confirm";
	}

	@PostMapping("/admin/keys/rotate")
	String rotate(@RequestParam(defaultValue = KeySet.DEFAULT) String set,
			@RequestParam(defaultValue = "false") boolean force, RedirectAttributes flash) {
		try {
			rotation.rotate(set, null, force);
			flash.addFlashAttribute("message", "Rotated key set '" + set + "'.");
		}
		catch (ApiProblemException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/keys";
	}

	@GetMapping("/admin/keys/{kid}/revoke")
	String confirmRevoke(@PathVariable String kid, Model model) {
		model.addAttribute("title", "Revoke key " + kid);
		model.addAttribute("text", "The key leaves the JWKS at once and is never trusted again; tokens it signed stop "
				+ "verifying. Revoking the ACTIVE key promotes the NEXT key immediately.");
		model.addAttribute("action", "/admin/keys/" + kid + "/revoke");
		model.addAttribute("forceable", false);
		return "admin/confirm";
	}

	@PostMapping("/admin/keys/{kid}/revoke")
	String revoke(@PathVariable String kid, RedirectAttributes flash) {
		try {
			rotation.revoke(kid);
			flash.addFlashAttribute("message", "Revoked key " + kid + ".");
		}
		catch (ApiProblemException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/keys";
	}

	@PostMapping("/admin/keys/import")
	String importKey(@RequestParam String pem, @RequestParam(required = false) String password,
			@RequestParam(defaultValue = KeySet.DEFAULT) String set, @RequestParam(required = false) String partnerKeyId,
			@RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes flash) {
		if (!confirm) {
			flash.addFlashAttribute("error", "Nothing imported: confirm the import first.");
			return "redirect:/admin/keys";
		}
		try {
			var key = rotation.importKey(PemCodec.readKeyPair(pem, password == null || password.isEmpty() ? null
					: password.toCharArray()), set, partnerKeyId == null || partnerKeyId.isBlank() ? null : partnerKeyId, false);
			flash.addFlashAttribute("message", "Imported key " + key.kid() + " as " + key.state() + ".");
		}
		catch (ApiProblemException | PemCodec.PemException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/keys";
	}

	/** A user, their grants and roles, and "why can't this user watch video V?". */
	@GetMapping("/admin/users")
	String users(@RequestParam(required = false) String q, @RequestParam(required = false) String video, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("video", video);
		if (q != null && !q.isBlank()) {
			users.findByUsername(q.trim()).ifPresentOrElse(user -> {
				model.addAttribute("user", user);
				model.addAttribute("grants", grants.forUser(user.id()));
				model.addAttribute("roles", entitlements.roles(user.id()));
				model.addAttribute("sessions", sessions.live(user.username()));
				model.addAttribute("devices", sessions.devices(user.username()));
				if (video != null && !video.isBlank()) {
					model.addAttribute("check", entitlements.mayWatch(user, video.trim(), clock.instant()));
				}
			}, () -> model.addAttribute("notFound", true));
		}
		return "admin/users";
	}

	/** Creates a provider; a generated secret is shown on the next page, once. */
	@PostMapping("/admin/providers")
	String createProvider(@RequestParam String id, @RequestParam String displayName, @RequestParam String issuerName,
			@RequestParam String redirectUris, @RequestParam(required = false) String secret, Model model,
			RedirectAttributes flash) {
		try {
			Providers.Created created = providers.create(id, displayName, issuerName, null,
					redirectUris.lines().map(String::trim).filter(l -> !l.isEmpty()).toList(),
					secret == null || secret.isBlank() ? null : secret);
			model.addAttribute("title", "Provider " + id + " created");
			model.addAttribute("label", "Pre-shared secret (paste it into the Applicaster CMS; it is not shown again)");
			model.addAttribute("secret", secret == null || secret.isBlank() ? created.secret() : null);
			model.addAttribute("back", "/admin/providers");
			return "admin/created";
		}
		catch (ApiProblemException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
			return "redirect:/admin/providers";
		}
	}

	/** Creates a partner; its generated callback password is shown on the next page, once. */
	@PostMapping("/admin/partners")
	String createPartner(@RequestParam String id, @RequestParam String profile,
			@RequestParam(defaultValue = KeySet.DEFAULT) String keySet, @RequestParam(required = false) String callbackUsername,
			Model model, RedirectAttributes flash) {
		try {
			Partners.Created created = partners.create(new PartnerRequest(id, profile, keySet, null, null, null, null,
					null, null, null, callbackUsername == null || callbackUsername.isBlank() ? null : callbackUsername, null,
					false, null, null));
			model.addAttribute("title", "Partner " + id + " created");
			model.addAttribute("label", "Callback password for " + callbackUsername + " (give it to the platform; it is not shown again)");
			model.addAttribute("secret", created.callbackPassword());
			model.addAttribute("back", "/admin/partners");
			return "admin/created";
		}
		catch (ApiProblemException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
			return "redirect:/admin/partners";
		}
	}

	@GetMapping("/admin/partners")
	String partners(Model model, Authentication operator) {
		model.addAttribute("create", canAct(operator) ? "partner" : null);
		model.addAttribute("title", "Partners");
		model.addAttribute("headers", List.of("id", "profile", "key set", "issuer", "audience", "callback user"));
		model.addAttribute("rows", partners.list().stream().map(p -> List.of(p.id(), p.profile().wireName(), p.keySet(),
				p.issuer(), String.valueOf(p.audience()), p.callbackUsername() == null ? "" : p.callbackUsername() + " / ••••••"))
			.toList());
		return "admin/list";
	}

	@GetMapping("/admin/providers")
	String providers(Model model, Authentication operator) {
		model.addAttribute("create", canAct(operator) ? "provider" : null);
		model.addAttribute("title", "Applicaster providers");
		model.addAttribute("headers", List.of("id", "name", "issuer", "lifetime", "redirect URIs", "secret"));
		model.addAttribute("rows", providers.list().stream().map(p -> List.of(p.id(), p.displayName(), p.issuerName(),
				p.tokenLifetime().toString(), String.join(" ", p.redirectUris()), "•••••• (shown once at creation)")).toList());
		return "admin/list";
	}

	@GetMapping("/admin/clients")
	String clients(Model model) {
		model.addAttribute("title", "OAuth clients");
		model.addAttribute("headers", List.of("client id", "grants", "scopes", "enrichment"));
		model.addAttribute("rows", clients.clientIds().stream().map(clients::get).map(c -> List.of(c.getClientId(),
				String.join(" ", c.getAuthorizationGrantTypes().stream().map(g -> g.getValue()).sorted().toList()),
				String.join(" ", c.getScopes()), String.valueOf(c.getClientSettings().getSettings()
					.getOrDefault("ticketbooth.enrichment", "none"))))
			.toList());
		return "admin/list";
	}

	/** The audit trail as JSON, with the console's session. */
	@GetMapping(path = "/admin/audit.json", produces = "application/json")
	@org.springframework.web.bind.annotation.ResponseBody
	List<AuditEvent> auditJson() {
		return audit.recent(100_000);
	}

	@GetMapping(path = "/admin/keys/{kid}/public.pem", produces = "application/x-pem-file")
	@org.springframework.web.bind.annotation.ResponseBody
	String publicPem(@PathVariable String kid) {
		return PemCodec.writePublicKey(ring.find(kid)
			.orElseThrow(() -> ApiProblemException.notFound("unknown-key", "No key with kid '" + kid + "'")).publicKey());
	}

	@GetMapping("/admin/audit")
	String audit(Model model) {
		model.addAttribute("events", audit.recent(500));
		return "admin/audit";
	}

	private static boolean canAct(Authentication operator) {
		return operator != null && operator.getAuthorities().stream()
			.anyMatch(a -> a.getAuthority().equals("ROLE_" + AdminAccounts.ROLE));
	}
}
