package dev.ticketbooth.sessions;

import dev.ticketbooth.cluster.JobLeases;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Forgets ended sessions, used single-use tokens and long-freed device slots, on one node per
 * {@code ticketbooth.sessions.cleanup-interval} (job {@code viewer-session-cleanup}). Redis expires
 * its keys itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "ticketbooth.sessions.store", havingValue = "database", matchIfMissing = true)
class SessionJobs implements SchedulingConfigurer {

	static final String CLEANUP = "viewer-session-cleanup";

	private final JobLeases leases;

	private final ViewerSessions sessions;

	private final SessionProperties properties;

	SessionJobs(JobLeases leases, ViewerSessions sessions, SessionProperties properties) {
		this.leases = leases;
		this.sessions = sessions;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> leases.runOnce(CLEANUP, properties.cleanupInterval(), sessions::cleanUp),
				properties.cleanupInterval());
	}
}
