package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RotatingRefreshTokens}: each token lives the idle timeout, never past the sign-in's absolute lifetime. */
class RefreshTokenLifetimeTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private final RotatingRefreshTokens tokens = new RotatingRefreshTokens(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aFreshSignInsTokenLivesTheIdleTimeout() {
		OAuth2RefreshToken token = tokens.generate(context(client(true, Duration.ofDays(7), Duration.ofDays(30)), null));
		assertThat(token.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
		assertThat(token.getTokenValue()).hasSizeGreaterThanOrEqualTo(128);
	}

	@Test
	void aRotationNearTheEndOfTheLifetimeStopsAtIt() {
		RegisteredClient client = client(true, Duration.ofDays(7), Duration.ofDays(30));
		OAuth2Authorization signedIn25DaysAgo = OAuth2Authorization.withRegisteredClient(client).principalName("viewer")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(HashedTokenAuthorizationService.REFRESH_FAMILY_STARTED,
					String.valueOf(NOW.minus(Duration.ofDays(25)).getEpochSecond()))
			.build();
		assertThat(tokens.generate(context(client, signedIn25DaysAgo)).getExpiresAt())
			.isEqualTo(NOW.plus(Duration.ofDays(5)));
	}

	@Test
	void publicClientsGetRefreshTokensOnlyWithTheRefreshTokenGrant() {
		assertThat(tokens.generate(context(client(false, Duration.ofDays(7), Duration.ofDays(30)), null))).isNull();
	}

	private static RegisteredClient client(boolean refreshGrant, Duration idle, Duration lifetime) {
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("app")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("myapp://cb")
			.clientSettings(ClientSettings.builder()
				.setting(ClientSettingNames.REFRESH_LIFETIME, String.valueOf(lifetime.toSeconds())).build())
			.tokenSettings(TokenSettings.builder().refreshTokenTimeToLive(idle).reuseRefreshTokens(false).build());
		if (refreshGrant) {
			builder.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		}
		return builder.build();
	}

	private static DefaultOAuth2TokenContext context(RegisteredClient client, OAuth2Authorization authorization) {
		DefaultOAuth2TokenContext.Builder builder = DefaultOAuth2TokenContext.builder().registeredClient(client)
			.tokenType(OAuth2TokenType.REFRESH_TOKEN).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
		if (authorization != null) {
			builder.authorization(authorization);
		}
		return builder.build();
	}
}
