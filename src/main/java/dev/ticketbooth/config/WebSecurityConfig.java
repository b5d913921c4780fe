package dev.ticketbooth.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything outside the authorization server's endpoints and the admin API: public
 * well-known documents and pages, form login for the rest. Pages may not be framed.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(10)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers("/", "/.well-known/**", "/error", "/login", "/css/**", "/favicon.ico").permitAll()
			.anyRequest().authenticated())
			.formLogin(Customizer.withDefaults())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp
				.policyDirectives("default-src 'self'; frame-ancestors 'none'; base-uri 'none'")));
		return http.build();
	}
}
