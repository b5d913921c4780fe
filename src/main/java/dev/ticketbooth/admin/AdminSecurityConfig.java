package dev.ticketbooth.admin;

import java.time.Clock;

import dev.ticketbooth.config.Problems;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.login.LoginThrottle;
import dev.ticketbooth.login.ThrottledAuthenticationProvider;
import dev.ticketbooth.login.TooManyAttemptsException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The operator API: HTTP Basic against admin accounts, throttled like end users' sign-ins (429
 * with Retry-After, before any password hash), stateless, problem JSON on 401/403.
 * With no session and no form, CSRF tokens have nothing to protect; instead a browser's
 * cross-site request (which could carry cached Basic credentials) is refused outright.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfig {

	/** argon2id with Spring Security's current recommended parameters. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
	}

	@Bean
	AdminAccounts adminAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock) {
		return new AdminAccounts(jdbc, passwordEncoder, clock);
	}

	/** First of the initial data: a bad first-admin password stops the start before anything is written. */
	@Bean
	@ConditionalOnBooleanProperty(name = "ticketbooth.admin.bootstrap", matchIfMissing = true)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	AdminBootstrap adminBootstrap(AdminAccounts accounts, TicketboothProperties properties) {
		return new AdminBootstrap(accounts, properties);
	}

	@Bean
	@ConditionalOnWebApplication
	@Order(2)
	SecurityFilterChain adminApiSecurityFilterChain(HttpSecurity http, AdminAccounts accounts,
			PasswordEncoder passwordEncoder, AuditTrail audit, LoginThrottle throttle, Clock clock) throws Exception {
		ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(accounts.userDetailsService(),
				passwordEncoder, throttle, LoginThrottle.Realm.OPERATOR, audit::failedSignIn, clock);
		http.securityMatcher("/api/admin/**", "/actuator/**")
			.authenticationManager(new ProviderManager(provider))
			.authorizeHttpRequests(authorize -> authorize.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers(org.springframework.http.HttpMethod.GET, "/api/admin/**", "/actuator/**")
				.hasAnyRole(AdminAccounts.ROLE, AdminAccounts.VIEWER)
				.anyRequest()
				.hasRole(AdminAccounts.ROLE))
			.httpBasic(basic -> basic.realmName("ticketbooth admin")
				.authenticationEntryPoint((request, response, ex) -> {
					if (ex instanceof TooManyAttemptsException throttled) {
						response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
						Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts",
								"Too many failed sign-ins for this operator or from this address; try again later");
						return;
					}
					response.setHeader("WWW-Authenticate", "Basic realm=\"ticketbooth admin\"");
					Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
							"Admin credentials are required (HTTP Basic)");
				}))
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, ex) -> Problems
				.write(response, HttpStatus.FORBIDDEN, "forbidden", "This account may not do that")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.addFilterBefore(new CrossSiteRequestFilter(), BasicAuthenticationFilter.class)
			.addFilterBefore(new AuditFilter(audit), ExceptionTranslationFilter.class);
		return http.build();
	}
}
