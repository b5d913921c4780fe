package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.users.EndUsers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server on the key ring: it signs with the default set's ACTIVE key, its
 * own JWK endpoint serves the same published keys, and discovery names
 * {@code /.well-known/jwks.json} (the cached, ETagged copy) as {@code jwks_uri}.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	@Bean
	@ConditionalOnWebApplication
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, TicketboothProperties properties,
			ClientSecrets clientSecrets, EndUsers users, RegisteredClientRepository registeredClients,
			OAuth2AuthorizationService authorizations, JwtEncoder jwtEncoder, TokenEnrichment enrichment,
			JdbcClient jdbcClient, AuthorizationServerSettings settings) throws Exception {
		String jwksUri = properties.issuer().replaceAll("/+$", "") + JWKS_PATH;
		OidcLogoutAuthenticationSuccessHandler endSession = new OidcLogoutAuthenticationSuccessHandler();
		endSession.setLogoutHandler(new EndSession(authorizations, registeredClients, jdbcClient));
		AuthenticationProvider publicClients = PublicClientAuthentication.provider(registeredClients);
		http.oauth2AuthorizationServer(authorizationServer -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			authorizationServer
				.tokenGenerator(tokenGenerator(jwtEncoder, enrichment))
				.clientAuthentication(clients -> clients
					.authenticationConverter(PublicClientAuthentication.converter(
							java.util.Set.of(settings.getDeviceAuthorizationEndpoint(), settings.getTokenRevocationEndpoint())))
					.authenticationProviders(providers -> {
						providers.stream()
							.filter(ClientSecretAuthenticationProvider.class::isInstance)
							.forEach(provider -> ((ClientSecretAuthenticationProvider) provider)
								.setPasswordEncoder(clientSecrets.encoder()));
						PublicClientAuthentication.first(providers, publicClients);
					}))
				.deviceAuthorizationEndpoint(device -> device.verificationUri(DeviceProperties.VERIFICATION_PATH))
				.authorizationServerMetadataEndpoint(metadata -> metadata
					.authorizationServerMetadataCustomizer(builder -> builder.jwkSetUrl(jwksUri)))
				.oidc(oidc -> oidc
					.providerConfigurationEndpoint(
							configuration -> configuration.providerConfigurationCustomizer(builder -> builder.jwkSetUrl(jwksUri)))
					.logoutEndpoint(logout -> logout.logoutResponseHandler(endSession)));
		})
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.addFilterAfter(new ActiveEndUserFilter(users), SecurityContextHolderFilter.class)
			.addFilterAfter(new DeviceVerificationRedirect(settings.getDeviceVerificationEndpoint()), ActiveEndUserFilter.class)
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
		return http.build();
	}

	/**
	 * Spring's generators, but refresh tokens from {@link RotatingRefreshTokens}: public clients
	 * holding the refresh_token grant get them too. Real time, as Spring checks their expiry.
	 */
	private static OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, TokenEnrichment enrichment) {
		JwtGenerator jwts = new JwtGenerator(encoder);
		jwts.setJwtCustomizer(enrichment);
		return new DelegatingOAuth2TokenGenerator(jwts, new OAuth2AccessTokenGenerator(),
				new RotatingRefreshTokens(java.time.Clock.systemUTC()));
	}

	/** Only requests that ask for HTML are sent to the login page; machines get their 401. */
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		matcher.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
		return matcher;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(TicketboothProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	/** The published keys (NEXT, ACTIVE, RETIRED) of the default set, public halves only. */
	@Bean
	JWKSource<SecurityContext> jwkSource(KeyRing ring) {
		return (selector, context) -> selector.select(ring.jwks(KeySet.DEFAULT).jwkSet());
	}

	@Bean
	JwtEncoder jwtEncoder(KeyRing ring) {
		return new ActiveKeyJwtEncoder(ring);
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, TicketboothProperties properties) {
		return AccessTokenDecoders.forIssuer(jwkSource, properties.issuer());
	}

	/** Cached per node for the decisions' cache period: every token request reads its client. */
	@Bean
	CachedRegisteredClients registeredClientRepository(JdbcOperations jdbc, Clock clock,
			@Value("${ticketbooth.decisions.cache-ttl:5s}") Duration ttl) {
		return new CachedRegisteredClients(new JdbcRegisteredClientRepository(jdbc), ttl, clock, 10_000);
	}

	/** Hashed storage, but client-credentials access tokens are not stored at all. */
	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients,
			JdbcClient jdbcClient, JWKSource<SecurityContext> jwkSource, TicketboothProperties properties) {
		return new ClientCredentialsTokens(
				new HashedTokenAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients), jdbcClient),
				AccessTokenDecoders.forIssuer(jwkSource, properties.issuer()), new RevokedAccessTokens(jdbcClient),
				jdbcClient);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}
}
