package dev.ticketbooth.oidc;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
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

	/**
	 * A client as the API answers it: the fields a {@link OidcClients.ClientRequest} takes, so an
	 * answer can be read as the request that would make it (no Spring setting names); the secret
	 * only in the answer that generated it.
	 */
	record ClientView(String clientId, String name, boolean publicClient, Set<String> grantTypes, Set<String> redirectUris,
			Set<String> scopes, boolean requireConsent, String enrichment, String vimondClaimNames, Boolean vimondLegacy,
			List<String> streamamgClaims, Boolean accessTokenJwtType, long accessTokenSeconds, Long refreshTokenSeconds,
			long refreshTokenIdleSeconds, long deviceCodeSeconds, Set<String> postLogoutRedirectUris,
			Boolean logoutRevokesTokens, String clientSecret) {

		static ClientView of(RegisteredClient client, String secret) {
			ClientSettings settings = client.getClientSettings();
			Object lifetime = settings.getSetting(ClientSettingNames.REFRESH_LIFETIME);
			String streamamg = settings.getSetting(ClientSettingNames.STREAMAMG_CLAIMS);
			return new ClientView(client.getClientId(), client.getClientName(),
					client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE),
					client.getAuthorizationGrantTypes().stream().map(g -> g.getValue())
						.collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
					client.getRedirectUris(), client.getScopes(), settings.isRequireAuthorizationConsent(),
					java.util.Objects.requireNonNullElse(settings.getSetting(ClientSettingNames.ENRICHMENT), "none"),
					settings.getSetting(ClientSettingNames.VIMOND_CLAIM_NAMES),
					flag(settings.getSetting(ClientSettingNames.VIMOND_LEGACY)),
					streamamg == null ? null : List.of(streamamg.split(",")),
					flag(settings.getSetting(ClientSettingNames.ACCESS_TOKEN_TYPE)),
					client.getTokenSettings().getAccessTokenTimeToLive().toSeconds(),
					lifetime == null ? null : Long.valueOf(lifetime.toString()),
					client.getTokenSettings().getRefreshTokenTimeToLive().toSeconds(),
					client.getTokenSettings().getDeviceCodeTimeToLive().toSeconds(), client.getPostLogoutRedirectUris(),
					flag(settings.getSetting(ClientSettingNames.LOGOUT_REVOKES_TOKENS)), secret);
		}

		/** A flag stored only when set: true, or left out of the answer. */
		private static Boolean flag(Object setting) {
			return setting == null ? null : Boolean.TRUE;
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
