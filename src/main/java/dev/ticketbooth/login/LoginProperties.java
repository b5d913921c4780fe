package dev.ticketbooth.login;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling ({@code ticketbooth.login.*}): after this many failed sign-ins within the
 * window, further attempts for that username, or from that IP address, are refused unchecked.
 */
@Validated
@ConfigurationProperties("ticketbooth.login")
public record LoginProperties(@Min(1) @DefaultValue("5") int maxFailuresPerUser,
		@Min(1) @DefaultValue("20") int maxFailuresPerIp, @NotNull @DefaultValue("15m") Duration failureWindow) {
}
