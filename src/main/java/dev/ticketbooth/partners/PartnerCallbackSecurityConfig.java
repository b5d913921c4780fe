package dev.ticketbooth.partners;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.ticketbooth.config.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

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

	/** A platform that calls us back: on which paths (its dialect says), as partners of which profile. */
	private record Callback(String paths, PartnerProfile profile) {

		String realm() {
			return "ticketbooth " + profile.wireName();
		}

		String detail() {
			return "HTTP Basic credentials of a " + profile.dialect().platform() + " partner are required";
		}

		boolean matches(HttpServletRequest request) {
			return PathPatternRequestMatcher.withDefaults().matcher(paths).matches(request);
		}
	}

	private static final List<Callback> CALLBACKS = Arrays.stream(PartnerProfile.values())
		.filter(profile -> profile.dialect().callbackPaths() != null)
		.map(profile -> new Callback(profile.dialect().callbackPaths(), profile))
		.toList();

	@Bean
	@ConditionalOnWebApplication
	@Order(4)
	SecurityFilterChain partnerCallbackSecurityFilterChain(HttpSecurity http, Partners partners) throws Exception {
		http.securityMatcher(CALLBACKS.stream().map(Callback::paths).toArray(String[]::new))
			.authenticationManager(new ProviderManager(new CallbackAuthenticationProvider(partners)))
			.authorizeHttpRequests(authorize -> {
				CALLBACKS.forEach(callback -> authorize.requestMatchers(callback.paths())
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

	/** The 401 of the callback whose path this is; a partner of another platform gets it too. */
	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Callback callback = CALLBACKS.stream().filter(c -> c.matches(request)).findFirst().orElseThrow();
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + callback.realm() + "\"");
		Problems.writeAsMvc(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", callback.detail());
	}
}
