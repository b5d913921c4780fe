package dev.ticketbooth.login;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API for Applicaster providers, under {@code /api/admin/providers}. A secret appears
 * in a response only when it is created or replaced.
 */
@RestController
@RequestMapping("/api/admin/providers")
class ProviderAdminController {

	private final Providers providers;

	ProviderAdminController(Providers providers) {
		this.providers = providers;
	}

	record ProviderRequest(String id, String displayName, String issuerName, Long tokenLifetimeSeconds,
			List<String> redirectUris, String secret) {

		Duration lifetime() {
			return tokenLifetimeSeconds == null ? null : Duration.ofSeconds(tokenLifetimeSeconds);
		}
	}

	record ProviderView(String id, String displayName, String issuerName, long tokenLifetimeSeconds,
			List<String> redirectUris, String authorizationUrl, String secret) {

		static ProviderView of(Provider p, String secret) {
			return new ProviderView(p.id(), p.displayName(), p.issuerName(), p.tokenLifetime().toSeconds(),
					p.redirectUris(), "/authorize?provider=" + p.id(), secret);
		}
	}

	record SecretRequest(String secret) {
	}

	record SecretView(String id, String secret) {
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ProviderView> create(@RequestBody ProviderRequest request) {
		Providers.Created created = providers.create(request.id(), request.displayName(), request.issuerName(),
				request.lifetime(), request.redirectUris(), request.secret());
		// an imported secret is the operator's own; echo only one we generated
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ProviderView.of(created.provider(), request.secret() == null ? created.secret() : null));
	}

	@GetMapping
	List<ProviderView> list() {
		return providers.list().stream().map(p -> ProviderView.of(p, null)).toList();
	}

	@GetMapping("/{id}")
	ProviderView get(@PathVariable String id) {
		return ProviderView.of(providers.get(id), null);
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ProviderView update(@PathVariable String id, @RequestBody ProviderRequest request) {
		return ProviderView.of(providers.update(id, request.displayName(), request.issuerName(), request.lifetime(),
				request.redirectUris()), null);
	}

	@PostMapping("/{id}/secret")
	SecretView replaceSecret(@PathVariable String id, @RequestBody(required = false) SecretRequest request) {
		String imported = request == null ? null : request.secret();
		String secret = providers.replaceSecret(id, imported);
		return new SecretView(id, imported == null ? secret : null);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		providers.delete(id);
		return ResponseEntity.noContent().build();
	}
}
