package dev.ticketbooth.cluster;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/** Removes expired shared sessions, on one node per interval ({@code ticketbooth.cluster.session-cleanup-interval}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
class ClusterJobs implements SchedulingConfigurer {

	static final String SESSION_CLEANUP = "session-cleanup";

	private final JobLeases leases;

	private final JdbcIndexedSessionRepository sessions;

	private final Duration interval;

	ClusterJobs(JobLeases leases, JdbcIndexedSessionRepository sessions, ClusterProperties properties) {
		this.leases = leases;
		this.sessions = sessions;
		this.interval = properties.sessionCleanupInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> leases.runOnce(SESSION_CLEANUP, interval, sessions::cleanUpExpiredSessions),
				interval);
	}
}
