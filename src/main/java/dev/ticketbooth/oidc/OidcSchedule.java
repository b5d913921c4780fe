package dev.ticketbooth.oidc;

import java.time.Duration;

import dev.ticketbooth.cluster.JobLeases;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the expired-authorization clean-up ({@code ticketbooth.oidc.cleanup-interval}, default 1 h) on one node per interval. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
class OidcSchedule implements SchedulingConfigurer {

	private final AuthorizationCleanup cleanup;

	private final Duration interval;

	private final JobLeases leases;

	OidcSchedule(AuthorizationCleanup cleanup, JobLeases leases,
			@Value("${ticketbooth.oidc.cleanup-interval:1h}") Duration interval) {
		this.cleanup = cleanup;
		this.leases = leases;
		this.interval = interval;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> leases.runOnce(AuthorizationCleanup.JOB, interval, cleanup::run), interval);
	}
}
