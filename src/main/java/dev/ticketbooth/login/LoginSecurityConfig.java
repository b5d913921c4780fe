package dev.ticketbooth.login;

import java.time.Clock;

import dev.ticketbooth.users.EndUsers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The browser side: the login page for end users (shared by the Applicaster flow and OIDC),
 * public well-known documents, throttled sign-in (a wrong password gets one answer whatever the
 * account's state), CSRF, a new session id on sign-in, and pages
 * that may not be framed.
 */
@Configuration(proxyBeanMethods = false)
class LoginSecurityConfig {

	@Bean
	RequestCache requestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setMatchingRequestParameterName(null); // keep /authorize URLs exactly as the app sent them
		return cache;
	}

	@Bean
	@ConditionalOnWebApplication
	@Order(10)
	SecurityFilterChain loginSecurityFilterChain(HttpSecurity http, EndUsers users, PasswordEncoder passwordEncoder,
			RequestCache requestCache, LoginThrottle throttle, io.micrometer.core.instrument.MeterRegistry meters,
			Clock clock) throws Exception {
		ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(users, passwordEncoder, throttle,
				LoginThrottle.Realm.END_USER, (username, ip, reason) -> {
				}, clock);
		SavedRequestAwareAuthenticationSuccessHandler continueWhereYouWere = new SavedRequestAwareAuthenticationSuccessHandler();
		continueWhereYouWere.setRequestCache(requestCache);
		http.authenticationManager(new ProviderManager(provider))
			.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/", "/.well-known/**", "/error", "/login", "/login/cancel", "/authorize", "/favicon.ico",
						"/activate")
				.permitAll()
				.anyRequest().authenticated())
			.requestCache(cache -> cache.requestCache(requestCache))
			.formLogin(form -> form.loginPage("/login").permitAll()
				.successHandler((request, response, authentication) -> {
					meters.counter("ticketbooth.logins", "outcome", "success").increment();
					continueWhereYouWere.onAuthenticationSuccess(request, response, authentication);
				})
				.failureHandler((request, response, exception) -> {
					String outcome = exception instanceof TooManyAttemptsException ? "throttled"
							: exception instanceof DisabledException ? "disabled" : "error";
					meters.counter("ticketbooth.logins", "outcome", outcome.equals("error") ? "failure" : outcome).increment();
					response.sendRedirect(request.getContextPath() + "/login?" + outcome);
				}))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp
				.policyDirectives("default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")));
		return http.build();
	}
}
