package dev.ticketbooth.decisions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /kinescope/**} and {@code /vimond/**}: called server to server with the partner's own Basic credentials,
 * which the controller checks (so the partner is known to the decision); no session, no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class CallbackSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(4)
	SecurityFilterChain callbackSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/kinescope/**", "/vimond/**")
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable());
		return http.build();
	}
}
