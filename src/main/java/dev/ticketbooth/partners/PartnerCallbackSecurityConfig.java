package dev.ticketbooth.partners;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The platforms' callbacks ({@code /kinescope/**}, {@code /vimond/**}): called server to server
 * with a partner's callback credentials (HTTP Basic), and open only to partners of that platform.
 * Stateless, no CSRF (no cookie, no session: nothing a browser could replay). The credentials are
 * checked before anything reads the body, which the request-body limit bounds before this chain
 * runs. Every refusal, whether the credentials are missing, wrong or another platform's, is the
 * one 401 the endpoint has always given: its own realm and problem JSON.
 */
@Configuration(proxyBeanMethods = false)
class PartnerCallbackSecurityConfig {

	@Bean
	@ConditionalOnWebApplication
	@Order(4)
	SecurityFilterChain partnerCallbackSecurityFilterChain(HttpSecurity http, PartnerCallbacks callbacks) throws Exception {
		http.securityMatcher(PartnerCallbacks.CALLBACKS.stream().map(PartnerCallbacks.Callback::paths).toArray(String[]::new))
			.authenticationManager(new ProviderManager(callbacks.provider()))
			.authorizeHttpRequests(authorize -> {
				PartnerCallbacks.CALLBACKS.forEach(callback -> authorize.requestMatchers(callback.paths())
					.hasAuthority(PartnerAuthentication.authority(callback.profile())));
				authorize.anyRequest().denyAll();
			})
			.httpBasic(basic -> basic.authenticationEntryPoint((request, response, ex) -> refuse(request, response))
				.withObjectPostProcessor(new ObjectPostProcessor<BasicAuthenticationFilter>() {
					@Override
					public <F extends BasicAuthenticationFilter> F postProcess(F filter) {
						filter.setAuthenticationConverter(new CallbackCredentialsConverter());
						return filter;
					}
				}))
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, ex) -> refuse(request, response))
				.accessDeniedHandler((request, response, ex) -> refuse(request, response)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable());
		return http.build();
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		PartnerCallbacks.refuse(request, response);
	}
}
