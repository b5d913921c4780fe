package dev.ticketbooth.keys;

import java.time.Clock;

import dev.ticketbooth.cluster.JobLeases;
import dev.ticketbooth.config.TicketboothProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the key ring. Opening it checks the key-encryption key and loads every key, so a wrong
 * KEK stops start-up before the web server listens.
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfig {

	@Bean
	KeyEncryptionKey keyEncryptionKey(TicketboothProperties properties) {
		return KeyEncryptionKey.load(properties.kek(), properties.keysDirectory());
	}

	@Bean
	KeyRepository keyRepository(JdbcClient jdbc) {
		return new KeyRepository(jdbc);
	}

	@Bean
	KeyRing keyRing(KeyRepository repository, KeyEncryptionKey kek, Clock clock) {
		KeyRing ring = new KeyRing(repository, new KeyMaterial(kek));
		ring.open(kek, clock);
		return ring;
	}

	@Bean
	KeyRotation keyRotation(KeyRepository repository, KeyEncryptionKey kek, KeyRing ring, KeyProperties properties,
			PlatformTransactionManager transactionManager, Clock clock, ApplicationEventPublisher events,
			@Value("${ticketbooth.cli:false}") boolean cli) {
		KeyRotation rotation = new KeyRotation(repository, new KeyMaterial(kek), ring, properties,
				new TransactionTemplate(transactionManager), clock, events::publishEvent, cli ? "cli" : "system");
		rotation.bootstrap();
		return rotation;
	}

	/** Ahead of every other filter (observation, session, security): see JwksEndpoint. */
	@Bean
	@ConditionalOnWebApplication
	FilterRegistrationBean<JwksEndpoint> jwksEndpoint(KeyRing ring, KeyProperties properties, MeterRegistry meters) {
		FilterRegistrationBean<JwksEndpoint> registration = new FilterRegistrationBean<>(
				new JwksEndpoint(ring, properties, meters));
		registration.addUrlPatterns(JwksEndpoint.PATH);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** The rotation schedule and the cluster refresh; off for the CLI. */
	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnBooleanProperty(name = "ticketbooth.scheduling.enabled", matchIfMissing = true)
	static class KeySchedule implements SchedulingConfigurer {

		private final KeyRing ring;

		private final KeyRotation rotation;

		private final KeyProperties properties;

		private final KeyMetrics metrics;

		private final JobLeases leases;

		KeySchedule(KeyRing ring, KeyRotation rotation, KeyProperties properties, KeyMetrics metrics, JobLeases leases) {
			this.metrics = metrics;
			this.leases = leases;
			this.ring = ring;
			this.rotation = rotation;
			this.properties = properties;
		}

		@Override
		public void configureTasks(ScheduledTaskRegistrar registrar) {
			registrar.addFixedDelayTask(() -> {
				ring.refreshIfChanged();
				metrics.update();
			}, properties.refreshInterval());
			// every node refreshes its own ring; only the lease holder rotates
			registrar.addFixedDelayTask(
					() -> leases.runOnce(KeyRotation.JOB, properties.checkInterval(), rotation::maintain),
					properties.checkInterval());
		}
	}
}
