package dev.ticketbooth.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link RequestBodyLimitFilter} in front of every endpoint. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class RequestBodyLimitConfig {

	/**
	 * After the character-encoding and observation filters (neither reads a body; a refusal is
	 * still counted in {@code http_server_requests}), before the session filter and Spring Security.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties));
		registration.setOrder(ORDER);
		return registration;
	}
}
