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
		return LeanEndpoint.registration(new PlaybackTokenEndpoint(callers, tokens, json), PlaybackTokenEndpoint.PATH);
	}
}
