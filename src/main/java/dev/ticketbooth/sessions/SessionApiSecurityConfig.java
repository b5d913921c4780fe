package dev.ticketbooth.sessions;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;

/**
 * {@code /api/v1/sessions/**}, ahead of the {@code /api/v1/**} bearer chain: players call it from
 * browsers and apps with no bearer, cookie or CSRF token. A start is authenticated by its playback
 * token (checked as a decision checks it), a heartbeat or stop by the 128-bit session id alone.
 * Stateless: no HTTP session is read or created. Preflights are answered here for any origin
 * (they grant nothing by themselves); the answers themselves carry CORS headers only as
 * {@link SessionCors} decides.
 */
@Configuration(proxyBeanMethods = false)
class SessionApiSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(2)
	SecurityFilterChain sessionApiSecurityFilterChain(HttpSecurity http) throws Exception {
		CorsConfiguration preflight = new CorsConfiguration();
		preflight.setAllowedOriginPatterns(List.of("*"));
		preflight.setAllowedMethods(List.of("POST", "DELETE"));
		preflight.setAllowedHeaders(List.of("Content-Type"));
		preflight.setAllowCredentials(false);
		preflight.setMaxAge(Duration.ofMinutes(10));
		http.securityMatcher("/api/v1/sessions", "/api/v1/sessions/**")
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
			.cors(cors -> cors.configurationSource(request -> CorsUtils.isPreFlightRequest(request) ? preflight : null))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.requireExplicitSave(true))
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> anonymous.disable())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}
}
