package dev.ticketbooth.admin;

import java.time.Clock;

import dev.ticketbooth.login.LoginThrottle;
import dev.ticketbooth.login.ThrottledAuthenticationProvider;
import dev.ticketbooth.login.TooManyAttemptsException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * {@code /admin}: the operator console. Form sign-in against admin accounts (not end users),
 * throttled as the API is,
 * CSRF on every form, VIEWER may look and ADMIN may act. The operator's security context lives
 * under its own session key, so it never counts as an end user's sign-in, and vice versa.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfig {

	static final String CONTEXT_KEY = "TICKETBOOTH_OPERATOR_CONTEXT";

	@Bean
	@ConditionalOnWebApplication
	@Order(5)
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, AdminAccounts accounts, PasswordEncoder passwordEncoder,
			AuditTrail audit, LoginThrottle throttle, Clock clock) throws Exception {
		ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(accounts.userDetailsService(),
				passwordEncoder, throttle, LoginThrottle.Realm.OPERATOR, audit::failedSignIn, clock);
		HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
		contexts.setSpringSecurityContextKey(CONTEXT_KEY);
		http.securityMatcher("/admin", "/admin/**")
			.authenticationManager(new ProviderManager(provider))
			.securityContext(context -> context.securityContextRepository(contexts))
			.authorizeHttpRequests(authorize -> authorize.requestMatchers("/admin/login").permitAll()
				.requestMatchers(HttpMethod.GET, "/admin", "/admin/**").hasAnyRole(AdminAccounts.ROLE, AdminAccounts.VIEWER)
				.anyRequest().hasRole(AdminAccounts.ROLE))
			.formLogin(form -> form.loginPage("/admin/login").defaultSuccessUrl("/admin/keys", false)
				.failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath()
						+ (ex instanceof TooManyAttemptsException ? "/admin/login?throttled" : "/admin/login?error")))
				.permitAll())
			.logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
			.addFilterBefore(new AuditFilter(audit), ExceptionTranslationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp
				.policyDirectives("default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")));
		return http.build();
	}
}
