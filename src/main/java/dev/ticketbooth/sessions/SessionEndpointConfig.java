package dev.ticketbooth.sessions;

import dev.ticketbooth.config.LeanEndpoint;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Heartbeats on the lean path, ahead of Spring Session, Spring Security and MVC. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SessionEndpointConfig {

	@Bean
	FilterRegistrationBean<SessionHeartbeatEndpoint> sessionHeartbeatEndpoint(ViewerSessions sessions, SessionCors cors,
			JsonMapper json) {
		return LeanEndpoint.registration(new SessionHeartbeatEndpoint(sessions, cors, json), SessionHeartbeatEndpoint.PATHS);
	}
}
