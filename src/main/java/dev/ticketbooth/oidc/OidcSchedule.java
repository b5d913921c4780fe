package dev.ticketbooth.oidc;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the expired-authorization clean-up ({@code ticketbooth.oidc.cleanup-interval}, default 1 h). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
class OidcSchedule implements SchedulingConfigurer {

	private final AuthorizationCleanup cleanup;

	private final Duration interval;

	OidcSchedule(AuthorizationCleanup cleanup, @Value("${ticketbooth.oidc.cleanup-interval:1h}") Duration interval) {
		this.cleanup = cleanup;
		this.interval = interval;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(cleanup::run, interval);
	}
}
