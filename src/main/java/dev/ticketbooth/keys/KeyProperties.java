package dev.ticketbooth.keys;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Key lifecycle settings ({@code ticketbooth.keys.*}).
 *
 * @param rotationPeriod how long a key stays ACTIVE before the schedule promotes the NEXT key
 * @param prepublish how long a NEXT key is published before it may sign (verifier caches must
 *     have seen it)
 * @param maxTokenLifetime the longest lifetime of any token this server signs
 * @param leeway clock skew verifiers allow on {@code exp}
 * @param retention how long a RETIRED key stays published; unset means maxTokenLifetime + leeway
 * @param jwksMaxAge {@code Cache-Control: max-age} of the JWKS; never above prepublish
 * @param refreshInterval how often a node looks for key changes made by other nodes or the CLI
 * @param checkInterval how often the rotation schedule runs
 */
@Validated
@ConfigurationProperties("ticketbooth.keys")
public record KeyProperties(@NotNull @DefaultValue("30d") Duration rotationPeriod,
		@NotNull @DefaultValue("24h") Duration prepublish, @NotNull @DefaultValue("24h") Duration maxTokenLifetime,
		@NotNull @DefaultValue("60s") Duration leeway, Duration retention,
		@NotNull @DefaultValue("15m") Duration jwksMaxAge, @NotNull @DefaultValue("5s") Duration refreshInterval,
		@NotNull @DefaultValue("1m") Duration checkInterval) {

	public KeyProperties {
		requirePositive("rotation-period", rotationPeriod);
		requirePositive("max-token-lifetime", maxTokenLifetime);
		requirePositive("refresh-interval", refreshInterval);
		requirePositive("check-interval", checkInterval);
		if (prepublish.isNegative() || leeway.isNegative() || jwksMaxAge.isNegative()) {
			throw new IllegalArgumentException("ticketbooth.keys.prepublish, leeway and jwks-max-age must not be negative");
		}
		Duration minimum = maxTokenLifetime.plus(leeway);
		if (retention == null) {
			retention = minimum;
		}
		else if (retention.compareTo(minimum) < 0) {
			throw new IllegalArgumentException("ticketbooth.keys.retention (" + retention
					+ ") must be at least max-token-lifetime + leeway (" + minimum
					+ "), or tokens would outlive the key that verifies them");
		}
	}

	/** Defaults, for code and tests that run without Spring. */
	public static KeyProperties defaults() {
		return new KeyProperties(Duration.ofDays(30), Duration.ofHours(24), Duration.ofHours(24),
				Duration.ofSeconds(60), null, Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(1));
	}

	/** The JWKS max-age actually sent: clamped so no verifier caches past a NEXT key's lead time. */
	public Duration effectiveJwksMaxAge() {
		return jwksMaxAge.compareTo(prepublish) > 0 ? prepublish : jwksMaxAge;
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("ticketbooth.keys." + name + " must be positive");
		}
	}
}
