package dev.ticketbooth.playback;

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

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Partner> create(@RequestBody Partners.PartnerRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(partners.create(request));
	}

	@GetMapping
	List<Partner> list() {
		return partners.list();
	}

	@GetMapping("/{id}")
	Partner get(@PathVariable String id) {
		return partners.get(id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		partners.delete(id);
		return ResponseEntity.noContent().build();
	}
}
