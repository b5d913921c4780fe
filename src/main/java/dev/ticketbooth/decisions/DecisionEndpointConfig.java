package dev.ticketbooth.decisions;

import dev.ticketbooth.config.LeanEndpoint;
import dev.ticketbooth.partners.PartnerCallbacks;
import dev.ticketbooth.playback.ApiBearerTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Decisions on the lean path, ahead of Spring Session, Spring Security and MVC. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class DecisionEndpointConfig {

	@Bean
	FilterRegistrationBean<DecisionEndpoint> decisionEndpoint(Decisions decisions, ApiBearerTokens callers,
			PartnerCallbacks partners, JsonMapper json) {
		return LeanEndpoint.registration(new DecisionEndpoint(decisions, callers, partners, json), DecisionEndpoint.API_PATH,
				DecisionEndpoint.KINESCOPE_PATH);
	}
}
