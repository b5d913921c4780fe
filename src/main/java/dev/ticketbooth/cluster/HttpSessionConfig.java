package dev.ticketbooth.cluster;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Login and console sessions live in the database (Spring Session JDBC), so a login started on
 * one node can finish on another and no load balancer needs sticky sessions. Expired sessions are
 * removed by the leased {@code session-cleanup} job instead of by every node's own cron. A session
 * idle for {@code session-timeout} expires; any session ends at {@code session-max-age}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableJdbcHttpSession(cleanupCron = Scheduled.CRON_DISABLED)
class HttpSessionConfig {

	static final String COOKIE = "SESSION";

	/** Right after Spring Session's filter, so the session it finds is checked before anything uses it. */
	@Bean
	FilterRegistrationBean<SessionMaxAgeFilter> sessionMaxAge(ClusterProperties properties) {
		FilterRegistrationBean<SessionMaxAgeFilter> registration = new FilterRegistrationBean<>(
				new SessionMaxAgeFilter(properties.sessionMaxAge(), Clock.systemUTC()));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(ClusterProperties properties) {
		return repository -> repository.setDefaultMaxInactiveInterval(properties.sessionTimeout());
	}

	/**
	 * HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS (as Boot's own defaults were).
	 * Behind a TLS-terminating proxy the request is HTTPS only with {@code server.forward-headers-strategy=native},
	 * which trusts the proxy's {@code X-Forwarded-*} headers; it is not the default, as it would let any
	 * client on an address Tomcat counts as a proxy choose the IP address the login throttle sees.
	 */
	@Bean
	CookieSerializer sessionCookie() {
		DefaultCookieSerializer cookie = new DefaultCookieSerializer();
		cookie.setCookieName(COOKIE);
		cookie.setUseHttpOnlyCookie(true);
		cookie.setSameSite("Lax");
		return cookie;
	}
}
