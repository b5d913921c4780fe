package dev.ticketbooth.login;

import java.time.Duration;

import dev.ticketbooth.cluster.JobLeases;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Removes failed sign-ins that have left the throttling window, on one node per minute. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
class LoginSchedule implements SchedulingConfigurer {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private final LoginThrottle throttle;

	private final JobLeases leases;

	LoginSchedule(LoginThrottle throttle, JobLeases leases) {
		this.throttle = throttle;
		this.leases = leases;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> leases.runOnce(LoginThrottle.CLEANUP_JOB, INTERVAL, throttle::removeExpired),
				INTERVAL);
	}
}
