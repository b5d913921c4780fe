package dev.ticketbooth.admin;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail ({@code ticketbooth.audit.*}).
 *
 * @param retention how long an event is kept; older ones are removed by the leased {@code audit-retention} job
 */
@Validated
@ConfigurationProperties("ticketbooth.audit")
public record AuditProperties(@NotNull @DefaultValue("400d") Duration retention) {

	public AuditProperties {
		if (retention != null && (retention.isNegative() || retention.isZero())) {
			throw new IllegalArgumentException("ticketbooth.audit.retention must be positive");
		}
	}
}
