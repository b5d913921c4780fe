package dev.ticketbooth.playback;

import java.time.Clock;

import dev.ticketbooth.config.Problems;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.oidc.AccessTokenDecoders;
import dev.ticketbooth.oidc.VerifiedAccessTokens;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * {@code /api/v1/**}: bearer access tokens from our own {@code /oauth2/token}, verified locally
 * against the key ring (no database look-up), with the scope each endpoint needs.
 */
@Configuration(proxyBeanMethods = false)
class PlaybackApiSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(3)
	SecurityFilterChain playbackApiSecurityFilterChain(HttpSecurity http, JWKSource<SecurityContext> jwkSource,
			TicketboothProperties properties, KeyRing ring, Clock clock) throws Exception {
		// back ends reuse one access token for many calls: verify it once per key-ring generation
		JwtDecoder accessTokens = new VerifiedAccessTokens(AccessTokenDecoders.forIssuer(jwkSource, properties.issuer()),
				ring::generation, clock, 10_000);
		http.securityMatcher("/api/v1/**")
			.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/api/v1/playback-tokens").hasAuthority("SCOPE_playback:mint")
				.requestMatchers("/api/v1/decisions").hasAuthority("SCOPE_playback:decide")
				.anyRequest().denyAll())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(accessTokens))
				.authenticationEntryPoint((request, response, ex) -> {
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
