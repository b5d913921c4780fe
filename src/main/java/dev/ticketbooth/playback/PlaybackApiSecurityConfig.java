package dev.ticketbooth.playback;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/v1/**}: bearer access tokens checked by {@link ApiBearerTokens}, with the scope each
 * endpoint needs. Minting and decisions are answered ahead of this chain by lean endpoints
 * ({@link PlaybackTokenEndpoint}) that authenticate with the same object; this chain still guards
 * every other request on these paths.
 */
@Configuration(proxyBeanMethods = false)
class PlaybackApiSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(3)
	SecurityFilterChain playbackApiSecurityFilterChain(HttpSecurity http, ApiBearerTokens tokens) throws Exception {
		http.securityMatcher("/api/v1/**")
			.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/api/v1/playback-tokens").hasAuthority("SCOPE_playback:mint")
				.requestMatchers("/api/v1/decisions").hasAuthority("SCOPE_playback:decide")
				// the web back end that mints a user's tokens also manages their devices (sessions)
				.requestMatchers("/api/v1/users/*/devices", "/api/v1/users/*/devices/*").hasAuthority("SCOPE_playback:mint")
				.anyRequest().denyAll())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(tokens.decoder()))
				.authenticationEntryPoint((request, response, ex) -> ApiBearerTokens.unauthenticated(response, ex))
				.accessDeniedHandler((request, response, ex) -> ApiBearerTokens.insufficientScope(response)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable());
		return http.build();
	}
}
