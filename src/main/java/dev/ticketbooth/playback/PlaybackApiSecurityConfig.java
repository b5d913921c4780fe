package dev.ticketbooth.playback;

import java.time.Clock;
import java.time.Duration;

import dev.ticketbooth.config.Problems;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.oidc.AccessTokenDecoders;
import dev.ticketbooth.oidc.IssuedAccessTokens;
import dev.ticketbooth.oidc.VerifiedAccessTokens;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * {@code /api/v1/**}: bearer access tokens from our own {@code /oauth2/token} ({@code typ at+jwt}),
 * verified locally against the key ring and checked against revocation once per cache period,
 * with the scope each endpoint needs. A token that is not one of ours in force is 401
 * {@code invalid-token}.
 */
@Configuration(proxyBeanMethods = false)
class PlaybackApiSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(3)
	SecurityFilterChain playbackApiSecurityFilterChain(HttpSecurity http, JWKSource<SecurityContext> jwkSource,
			TicketboothProperties properties, KeyRing ring, Clock clock, OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients, @Value("${ticketbooth.decisions.cache-ttl:5s}") Duration standingCheck)
			throws Exception {
		// back ends reuse one access token for many calls: verify it once per key-ring generation, and
		// check that it was not revoked (nor its client deleted) once per cache period
		JwtDecoder accessTokens = new IssuedAccessTokens(
				new VerifiedAccessTokens(AccessTokenDecoders.forIssuer(jwkSource, properties.issuer()), ring::generation,
						clock, 10_000),
				authorizations, clients, standingCheck, clock, 10_000);
		http.securityMatcher("/api/v1/**")
			.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/api/v1/playback-tokens").hasAuthority("SCOPE_playback:mint")
				.requestMatchers("/api/v1/decisions").hasAuthority("SCOPE_playback:decide")
				// the web back end that mints a user's tokens also manages their devices (sessions)
				.requestMatchers("/api/v1/users/*/devices", "/api/v1/users/*/devices/*").hasAuthority("SCOPE_playback:mint")
				.anyRequest().denyAll())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(accessTokens))
				.authenticationEntryPoint((request, response, ex) -> {
					if (ex instanceof OAuth2AuthenticationException) { // a token was sent, and it is not one of ours in force
						response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
						Problems.write(response, HttpStatus.UNAUTHORIZED, "invalid-token",
								"The bearer token is not an access token from /oauth2/token in force (typ at+jwt)");
						return;
					}
					response.setHeader("WWW-Authenticate", "Bearer");
					Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
							"A bearer access token from /oauth2/token is required");
				})
				.accessDeniedHandler((request, response, ex) -> Problems.write(response, HttpStatus.FORBIDDEN,
						"insufficient-scope", "The access token lacks the scope this endpoint needs")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable());
		return http.build();
	}
}
