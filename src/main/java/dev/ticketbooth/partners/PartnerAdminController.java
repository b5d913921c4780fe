package dev.ticketbooth.partners;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for partners, under {@code /api/admin/partners}. */
@RestController
@RequestMapping("/api/admin/partners")
class PartnerAdminController {

	private final Partners partners;

	PartnerAdminController(Partners partners) {
		this.partners = partners;
	}

	record CallbackCredentials(String username, String password) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PartnerView> create(@RequestBody PartnerRequest request) {
		Partners.Created created = partners.create(request);
		return ResponseEntity.status(HttpStatus.CREATED).body(PartnerView.of(created.partner(), created.callbackPassword()));
	}

	/** Sets the HTTP Basic credentials the platform calls back with; a missing password is generated and shown once. */
	@PostMapping(path = "/{id}/callback-credentials", consumes = MediaType.APPLICATION_JSON_VALUE)
	CallbackCredentials callbackCredentials(@PathVariable String id, @RequestBody CallbackCredentials request) {
		String password = partners.setCallbackCredentials(id, request.username(), request.password());
		return new CallbackCredentials(request.username(), request.password() == null ? password : null);
	}

	@org.springframework.web.bind.annotation.PutMapping(path = "/{id}/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
	PartnerView setRules(@PathVariable String id, @RequestBody java.util.Map<String, Object> rules) {
		return PartnerView.of(partners.setRules(id, rules));
	}

	/** {@code max_streams}, {@code stream_limit_policy}, {@code max_devices}, {@code device_slot_cooldown_seconds}, {@code single_use}. */
	@org.springframework.web.bind.annotation.PutMapping(path = "/{id}/viewer-limits", consumes = MediaType.APPLICATION_JSON_VALUE)
	PartnerView setViewerLimits(@PathVariable String id, @RequestBody java.util.Map<String, Object> limits) {
		return PartnerView.of(partners.setViewerLimits(id, ViewerLimits.fromJson(limits)));
	}

	@GetMapping
	List<PartnerView> list() {
		return partners.list().stream().map(PartnerView::of).toList();
	}

	@GetMapping("/{id}")
	PartnerView get(@PathVariable String id) {
		return PartnerView.of(partners.get(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		partners.delete(id);
		return ResponseEntity.noContent().build();
	}
}
