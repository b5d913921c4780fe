package dev.ticketbooth.admin;

import java.time.Duration;

import dev.ticketbooth.cluster.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Removes audit events older than {@code ticketbooth.audit.retention}, on one node per hour. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
class AuditSchedule implements SchedulingConfigurer {

	static final String JOB = "audit-retention";

	private static final Duration INTERVAL = Duration.ofHours(1);

	private static final Logger log = LoggerFactory.getLogger(AuditSchedule.class);

	private final AuditTrail audit;

	private final JobLeases leases;

	private final AuditProperties properties;

	AuditSchedule(AuditTrail audit, JobLeases leases, AuditProperties properties) {
		this.audit = audit;
		this.leases = leases;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> leases.runOnce(JOB, INTERVAL, () -> {
			int removed = audit.removeOlderThan(properties.retention());
			if (removed > 0) {
				log.info("Removed {} audit events older than {}", removed, properties.retention());
			}
		}), INTERVAL);
	}
}
