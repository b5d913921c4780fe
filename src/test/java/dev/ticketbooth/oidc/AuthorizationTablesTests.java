package dev.ticketbooth.oidc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.ticketbooth.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Authorization Server's JDBC services on our migrated schema, H2 and PostgreSQL alike. */
class AuthorizationTablesTests {

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void clientsAndAuthorizationsRoundTrip(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
			RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("app")
				.clientSecret("{noop}x").clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).redirectUri("myapp://auth/callback")
				.scope("openid").build();
			clients.save(client);
			assertThat(clients.findByClientId("app").getRedirectUris()).containsExactly("myapp://auth/callback");

			var authorizations = new HashedTokenAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients),
					org.springframework.jdbc.core.simple.JdbcClient.create(jdbc));
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			String accessToken = "a".repeat(6000); // enriched tokens are long
			OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client).principalName("demo")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, now, now.plusSeconds(300),
						Set.of("openid")))
				.refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), now, now.plusSeconds(3600)))
				.build();
			authorizations.save(authorization);

			OAuth2Authorization found = authorizations.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN);
			assertThat(found).isNotNull();
			assertThat(found.getAccessToken().getToken().getExpiresAt()).isEqualTo(now.plusSeconds(300));
			assertThat(found.getAccessToken().getToken().getTokenValue()).isEqualTo(accessToken);
			String refreshToken = authorization.getRefreshToken().getToken().getTokenValue();
			assertThat(authorizations.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN).getId())
				.isEqualTo(authorization.getId());

			// stored as hashes only; a stored hash is no token
			Map<String, Object> row = jdbc.queryForMap("SELECT access_token_value, refresh_token_value FROM oauth2_authorization");
			assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).startsWith("sha256:"));
			assertThat(row.values().toString()).doesNotContain(refreshToken, "aaaa");
			assertThat(authorizations.findByToken(String.valueOf(row.get("refresh_token_value")), OAuth2TokenType.REFRESH_TOKEN))
				.isNull();
			assertThat(authorizations.findByToken(String.valueOf(row.get("access_token_value")), null)).isNull();

			// saving what was found (with the presented value) does not hash twice
			authorizations.save(found);
			assertThat(authorizations.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
			assertThat(authorizations.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#allUnmigrated")
	void tokensStoredInClearBeforeTheUpgradeAreHashedInPlaceAndStillWork(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			db.migrateTo("13");
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
			RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("old")
				.clientSecret("{noop}x").clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).scope("openid").build();
			clients.save(client);
			Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
			String refreshToken = "old-refresh-" + UUID.randomUUID();
			new JdbcOAuth2AuthorizationService(jdbc, clients).save(OAuth2Authorization.withRegisteredClient(client)
				.principalName("demo").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plusSeconds(3600))).build());
			assertThat(jdbc.queryForObject("SELECT refresh_token_value FROM oauth2_authorization", String.class))
				.isEqualTo(refreshToken);

			db.migrate();

			assertThat(jdbc.queryForObject("SELECT refresh_token_value FROM oauth2_authorization", String.class))
				.isEqualTo(TokenHashes.hash(refreshToken));
			var authorizations = new HashedTokenAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients),
					org.springframework.jdbc.core.simple.JdbcClient.create(jdbc));
			assertThat(authorizations.findByToken(refreshToken, OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
		}
	}
}
