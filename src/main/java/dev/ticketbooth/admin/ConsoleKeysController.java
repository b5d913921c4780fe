package dev.ticketbooth.admin;

import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.PemCodec;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.Partners;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Keys: one timeline per set, rotate and revoke behind a confirmation, PEM import and export. */
@Controller
class ConsoleKeysController {

	static final String KEYS = "admin/keys";

	private static final String BACK = "redirect:/admin/keys";

	private final KeyRing ring;

	private final KeyRotation rotation;

	private final KeyProperties keyProperties;

	private final AuditTrail audit;

	private final Partners partners;

	private final Clock clock;

	ConsoleKeysController(KeyRing ring, KeyRotation rotation, KeyProperties keyProperties, AuditTrail audit,
			Partners partners, Clock clock) {
		this.ring = ring;
		this.rotation = rotation;
		this.keyProperties = keyProperties;
		this.audit = audit;
		this.partners = partners;
		this.clock = clock;
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
		model.addAttribute("canAct", Console.canAct(operator));
		return KEYS;
	}

	/** The smallest key limit of the platforms whose partners use the set, if any caps its keys. */
	private static OptionalInt vendorKeyLimit(KeySet set, List<Partner> all) {
		return all.stream().filter(p -> p.keySet().equals(set.name()))
			.map(p -> p.profile().dialect().vendorKeyLimit()).filter(OptionalInt::isPresent)
			.mapToInt(OptionalInt::getAsInt).min();
	}

	@GetMapping("/admin/keys/rotate")
	String confirmRotation(@RequestParam(defaultValue = KeySet.DEFAULT) String set, Model model) {
		Console.confirm(model, "Rotate key set " + set, "The NEXT key of set '" + set + "' becomes ACTIVE, the ACTIVE key "
				+ "retires, and a new NEXT key is published. If the NEXT key is younger than the lead time, or has no partner "
				+ "key id while a platform using the set knows keys only by their ids, the rotation is refused unless forced.",
				"/admin/keys/rotate", "/admin/keys");
		model.addAttribute("set", set);
		model.addAttribute("forceable", true);
		return Console.CONFIRM;
	}

	@PostMapping("/admin/keys/rotate")
	String rotate(@RequestParam(defaultValue = KeySet.DEFAULT) String set,
			@RequestParam(defaultValue = "false") boolean force, RedirectAttributes flash) {
		try {
			rotation.rotate(set, null, force);
			Console.done(flash, "Rotated key set '" + set + "'.");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return BACK;
	}

	@GetMapping("/admin/keys/{kid}/revoke")
	String confirmRevoke(@PathVariable String kid, Model model) {
		return Console.confirm(model, "Revoke key " + kid, "The key leaves the JWKS at once and is never trusted again; "
				+ "tokens it signed stop verifying. Revoking the ACTIVE key promotes the NEXT key immediately.",
				"/admin/keys/" + kid + "/revoke", "/admin/keys");
	}

	@PostMapping("/admin/keys/{kid}/revoke")
	String revoke(@PathVariable String kid, RedirectAttributes flash) {
		try {
			rotation.revoke(kid);
			Console.done(flash, "Revoked key " + kid + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		return BACK;
	}

	@PostMapping("/admin/keys/import")
	String importKey(@RequestParam String pem, @RequestParam(required = false) String password,
			@RequestParam(defaultValue = KeySet.DEFAULT) String set, @RequestParam(required = false) String partnerKeyId,
			@RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes flash) {
		if (!confirm) {
			Console.refused(flash, "Nothing imported: confirm the import first.", HttpStatus.BAD_REQUEST);
			return BACK;
		}
		try {
			var key = rotation.importKey(PemCodec.readKeyPair(pem, password == null || password.isEmpty() ? null
					: password.toCharArray()), set, Console.blankToNull(partnerKeyId), false);
			Console.done(flash, "Imported key " + key.kid() + " as " + key.state() + ".");
		}
		catch (ApiProblemException ex) {
			Console.refused(flash, ex);
		}
		catch (PemCodec.PemException ex) {
			Console.refused(flash, ex.getMessage(), HttpStatus.BAD_REQUEST);
		}
		return BACK;
	}

	@GetMapping(path = "/admin/keys/{kid}/public.pem", produces = "application/x-pem-file")
	@ResponseBody
	String publicPem(@PathVariable String kid) {
		return PemCodec.writePublicKey(ring.find(kid)
			.orElseThrow(() -> ApiProblemException.notFound("unknown-key", "No key with kid '" + kid + "'"))
			.exportablePublicKey());
	}
}
