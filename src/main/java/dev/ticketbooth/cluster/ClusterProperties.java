package dev.ticketbooth.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this node takes part in a cluster of nodes sharing one database.
 *
 * @param nodeId names this node in job leases and logs; defaults to the JVM's {@code pid@host}
 * @param sessionTimeout how long an idle login or console session lives (shared by all nodes)
 * @param sessionCleanupInterval how often one node of the cluster removes expired sessions
 * @param sessionMaxAge how long any login or console session lives at most, however active; then the user
 *     signs in again
 */
@Validated
@ConfigurationProperties("ticketbooth.cluster")
public record ClusterProperties(String nodeId, @NotNull @DefaultValue("30m") Duration sessionTimeout,
		@NotNull @DefaultValue("1m") Duration sessionCleanupInterval,
		@NotNull @DefaultValue("12h") Duration sessionMaxAge) {

	public ClusterProperties {
		if (sessionMaxAge != null && (sessionMaxAge.isZero() || sessionMaxAge.isNegative())) {
			throw new IllegalArgumentException("ticketbooth.cluster.session-max-age must be positive");
		}
		if (nodeId == null || nodeId.isBlank()) {
			nodeId = ManagementFactory.getRuntimeMXBean().getName();
		}
	}
}
