package dev.ticketbooth.playback;

import dev.ticketbooth.config.LeanEndpoint;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Minting on the lean path, ahead of Spring Session, Spring Security and MVC. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PlaybackEndpointConfig {

	@Bean
	FilterRegistrationBean<PlaybackTokenEndpoint> playbackTokenEndpoint(ApiBearerTokens callers, PlaybackTokens tokens,
			JsonMapper json) {
		FilterRegistrationBean<PlaybackTokenEndpoint> registration = new FilterRegistrationBean<>(
				new PlaybackTokenEndpoint(callers, tokens, json));
		registration.addUrlPatterns(PlaybackTokenEndpoint.PATH);
		registration.setOrder(LeanEndpoint.ORDER);
		return registration;
	}
}
