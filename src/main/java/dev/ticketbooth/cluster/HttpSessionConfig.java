package dev.ticketbooth.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Login and console sessions live in the database (Spring Session JDBC), so a login started on
 * one node can finish on another and no load balancer needs sticky sessions. Expired sessions are
 * removed by the leased {@code session-cleanup} job instead of by every node's own cron.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableJdbcHttpSession(cleanupCron = Scheduled.CRON_DISABLED)
class HttpSessionConfig {

	static final String COOKIE = "SESSION";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(ClusterProperties properties) {
		return repository -> repository.setDefaultMaxInactiveInterval(properties.sessionTimeout());
	}

	/** HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS (as Boot's own defaults were). */
	@Bean
	CookieSerializer sessionCookie() {
		DefaultCookieSerializer cookie = new DefaultCookieSerializer();
		cookie.setCookieName(COOKIE);
		cookie.setUseHttpOnlyCookie(true);
		cookie.setSameSite("Lax");
		return cookie;
	}
}
