package dev.ticketbooth.decisions;

import java.time.Duration;

import dev.ticketbooth.cluster.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Keeps {@link RecentDenials} bounded: every five minutes, on the one node holding the job's lease. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
class RecentDenialsSchedule implements SchedulingConfigurer {

	static final String JOB = "recent-denials-cleanup";

	private static final Duration INTERVAL = Duration.ofMinutes(5);

	private static final Logger log = LoggerFactory.getLogger(RecentDenialsSchedule.class);

	private final RecentDenials denials;

	private final JobLeases leases;

	RecentDenialsSchedule(RecentDenials denials, JobLeases leases) {
		this.denials = denials;
		this.leases = leases;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> leases.runOnce(JOB, INTERVAL, () -> {
			int removed = denials.prune(RecentDenials.RETENTION, RecentDenials.CAP);
			if (removed > 0) {
				log.debug("Removed {} recorded denials", removed);
			}
		}), INTERVAL);
	}
}
