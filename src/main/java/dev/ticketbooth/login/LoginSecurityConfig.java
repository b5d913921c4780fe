package dev.ticketbooth.login;

import java.io.IOException;

import dev.ticketbooth.users.EndUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser side: the login page for end users (shared by the Applicaster flow and OIDC),
 * public well-known documents, throttled sign-in, CSRF, a new session id on sign-in, and pages
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
			RequestCache requestCache, LoginThrottle throttle, io.micrometer.core.instrument.MeterRegistry meters)
			throws Exception {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		SavedRequestAwareAuthenticationSuccessHandler continueWhereYouWere = new SavedRequestAwareAuthenticationSuccessHandler();
		continueWhereYouWere.setRequestCache(requestCache);
		http.authenticationManager(new ProviderManager(provider))
			.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/", "/.well-known/**", "/error", "/login", "/login/cancel", "/authorize", "/favicon.ico")
				.permitAll()
				.anyRequest().authenticated())
			.requestCache(cache -> cache.requestCache(requestCache))
			.formLogin(form -> form.loginPage("/login").permitAll()
				.successHandler((request, response, authentication) -> {
					throttle.succeeded(authentication.getName());
					meters.counter("ticketbooth.logins", "outcome", "success").increment();
					continueWhereYouWere.onAuthenticationSuccess(request, response, authentication);
				})
				.failureHandler((request, response, exception) -> {
					throttle.failed(request.getParameter("username"), request.getRemoteAddr());
					meters.counter("ticketbooth.logins", "outcome", exception instanceof DisabledException ? "disabled" : "failure")
						.increment();
					response.sendRedirect(request.getContextPath()
							+ (exception instanceof DisabledException ? "/login?disabled" : "/login?error"));
				}))
			.addFilterBefore(new ThrottleFilter(throttle, meters), UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp
				.policyDirectives("default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")));
		return http.build();
	}

	/** Refuses a sign-in attempt outright while its username or IP is throttled. */
	static final class ThrottleFilter extends OncePerRequestFilter {

		private final LoginThrottle throttle;

		private final io.micrometer.core.instrument.MeterRegistry meters;

		ThrottleFilter(LoginThrottle throttle, io.micrometer.core.instrument.MeterRegistry meters) {
			this.throttle = throttle;
			this.meters = meters;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (throttle.blocked(request.getParameter("username"), request.getRemoteAddr())) {
				meters.counter("ticketbooth.logins", "outcome", "throttled").increment();
				response.sendRedirect(request.getContextPath() + "/login?throttled");
				return;
			}
			chain.doFilter(request, response);
		}
	}
}
