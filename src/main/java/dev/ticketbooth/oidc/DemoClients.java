package dev.ticketbooth.oidc;

import java.util.UUID;

import dev.ticketbooth.config.InitialData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Profile {@code demo}: the machine client demo-backend / demo-backend-secret (playback:mint
 * playback:decide) and the public client demo-app (authorization code + PKCE, vimond enrichment).
 */
@Component
@Profile("demo")
@Order(60)
class DemoClients implements InitialData {

	private static final Logger log = LoggerFactory.getLogger(DemoClients.class);

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwordEncoder;

	DemoClients(RegisteredClientRepository clients, ClientSecrets secrets) {
		this.clients = clients;
		this.passwordEncoder = secrets.encoder();
	}

	@Override
	public void create() {
		if (clients.findByClientId("demo-backend") != null) {
			return;
		}
		clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId("demo-backend")
			.clientSecret(passwordEncoder.encode("demo-backend-secret"))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("playback:mint")
			.scope("playback:decide").build());
		clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId("demo-app").clientName("Demo app")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("http://127.0.0.1:9999/callback").scope("openid").scope("profile")
			.clientSettings(org.springframework.security.oauth2.server.authorization.settings.ClientSettings.builder()
				.requireProofKey(true).setting(ClientSettingNames.ENRICHMENT, "vimond").build())
			.build());
		log.warn("demo profile: created OAuth clients demo-backend / demo-backend-secret and demo-app (public, PKCE)");
	}
}
