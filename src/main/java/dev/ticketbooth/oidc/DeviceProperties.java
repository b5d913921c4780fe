package dev.ticketbooth.oidc;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The device authorization grant ({@code ticketbooth.oidc.device.*}): how long a TV's device and
 * user codes live unless its client says otherwise ({@code device_code_seconds}), and the
 * verification page's address that TVs show.
 */
@Validated
@ConfigurationProperties("ticketbooth.oidc.device")
public record DeviceProperties(
		@NotNull @DurationMin(minutes = 1) @DurationMax(minutes = 30) @DefaultValue("10m") Duration codeLifetime) {

	/** Where viewers enter the code: on our own issuer, as every TV app prints it. */
	public static final String VERIFICATION_PATH = "/activate";
}
