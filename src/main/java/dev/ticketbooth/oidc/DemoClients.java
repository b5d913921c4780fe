package dev.ticketbooth.oidc;

import java.time.Duration;
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
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Profile {@code demo}: the machine client demo-backend / demo-backend-secret (playback:mint
 * playback:decide), the public client demo-app (authorization code + PKCE, rotating refresh
 * tokens, logout that ends its tokens, vimond enrichment) and the public TV client demo-tv
 * (device code, rotating refresh tokens, vimond enrichment).
 */
@Component
@Profile("demo")
@Order(60)
class DemoClients implements InitialData {

	private static final Logger log = LoggerFactory.getLogger(DemoClients.class);

	private final RegisteredClientRepository clients;

	private final PasswordEncoder passwordEncoder;

	private final DeviceProperties device;

	DemoClients(RegisteredClientRepository clients, ClientSecrets secrets, DeviceProperties device) {
		this.clients = clients;
		this.passwordEncoder = secrets.encoder();
		this.device = device;
	}

	/** Native apps stay signed in for 30 days while used at least weekly. */
	private static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

	private static final Duration REFRESH_IDLE = Duration.ofDays(7);

	private static final String SIGNED_OUT = "http://127.0.0.1:9999/signed-out";

	@Override
	public void create() {
		if (clients.findByClientId("demo-tv") == null) { // added after the first demo release: older demo databases get it too
			clients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId("demo-tv").clientName("Demo TV")
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).scope("openid").scope("profile")
				.clientSettings(ClientSettings.builder().setting(ClientSettingNames.ENRICHMENT, "vimond")
					.setting(ClientSettingNames.REFRESH_LIFETIME, String.valueOf(REFRESH_LIFETIME.toSeconds())).build())
				.tokenSettings(TokenSettings.withSettings(refreshing().getSettings())
					.deviceCodeTimeToLive(device.codeLifetime()).build())
				.build());
			log.warn("demo profile: created the OAuth client demo-tv (public, device code)");
		}
		RegisteredClient app = clients.findByClientId("demo-app");
		if (app != null && app.getClientSettings().getSetting(ClientSettingNames.REFRESH_LIFETIME) == null) {
			// a demo database from before: demo-app reused its refresh tokens (Spring's default); it rotates them now
			clients.save(RegisteredClient.from(app).postLogoutRedirectUri(SIGNED_OUT)
				.clientSettings(ClientSettings.withSettings(app.getClientSettings().getSettings())
					.setting(ClientSettingNames.REFRESH_LIFETIME, String.valueOf(REFRESH_LIFETIME.toSeconds()))
					.setting(ClientSettingNames.LOGOUT_REVOKES_TOKENS, "true").build())
				.tokenSettings(refreshing()).build());
		}
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
			.redirectUri("http://127.0.0.1:9999/callback").postLogoutRedirectUri(SIGNED_OUT)
			.scope("openid").scope("profile")
			.clientSettings(ClientSettings.builder().requireProofKey(true).setting(ClientSettingNames.ENRICHMENT, "vimond")
				.setting(ClientSettingNames.REFRESH_LIFETIME, String.valueOf(REFRESH_LIFETIME.toSeconds()))
				.setting(ClientSettingNames.LOGOUT_REVOKES_TOKENS, "true").build())
			.tokenSettings(refreshing())
			.build());
		log.warn("demo profile: created OAuth clients demo-backend / demo-backend-secret and demo-app (public, PKCE)");
	}

	private static TokenSettings refreshing() {
		return TokenSettings.builder().refreshTokenTimeToLive(REFRESH_IDLE).reuseRefreshTokens(false).build();
	}
}
