package dev.ticketbooth.oidc;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for OAuth/OIDC clients, under {@code /api/admin/clients}. Secrets are shown once. */
@RestController
@RequestMapping("/api/admin/clients")
class ClientAdminController {

	private final OidcClients clients;

	ClientAdminController(OidcClients clients) {
		this.clients = clients;
	}

	record ClientView(String clientId, String name, Set<String> grantTypes, Set<String> redirectUris, Set<String> scopes,
			Map<String, Object> settings, long accessTokenSeconds, String clientSecret, Set<String> postLogoutRedirectUris,
			Long refreshTokenSeconds, long refreshTokenIdleSeconds, long deviceCodeSeconds) {

		static ClientView of(RegisteredClient client, String secret) {
			Object lifetime = client.getClientSettings().getSetting(ClientSettingNames.REFRESH_LIFETIME);
			return new ClientView(client.getClientId(), client.getClientName(),
					client.getAuthorizationGrantTypes().stream().map(g -> g.getValue())
						.collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
					client.getRedirectUris(), client.getScopes(), client.getClientSettings().getSettings(),
					client.getTokenSettings().getAccessTokenTimeToLive().toSeconds(), secret,
					client.getPostLogoutRedirectUris(), lifetime == null ? null : Long.valueOf(lifetime.toString()),
					client.getTokenSettings().getRefreshTokenTimeToLive().toSeconds(),
					client.getTokenSettings().getDeviceCodeTimeToLive().toSeconds());
		}
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ClientView> create(@RequestBody OidcClients.ClientRequest request) {
		OidcClients.Created created = clients.create(request);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ClientView.of(created.client(), request.secret() == null ? created.secret() : null));
	}

	@GetMapping
	List<String> list() {
		return clients.clientIds();
	}

	@GetMapping("/{clientId}")
	ClientView get(@PathVariable String clientId) {
		return ClientView.of(clients.get(clientId), null);
	}

	@DeleteMapping("/{clientId}")
	ResponseEntity<Void> delete(@PathVariable String clientId) {
		clients.delete(clientId);
		return ResponseEntity.noContent().build();
	}
}
