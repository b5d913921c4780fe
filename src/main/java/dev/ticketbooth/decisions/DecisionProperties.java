package dev.ticketbooth.decisions;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketbooth.decisions.*}.
 *
 * @param leeway clock skew allowed on {@code exp} and {@code nbf}
 * @param cacheTtl how long a may-watch answer is reused (a change on another node is seen within it)
 * @param maxTokenLength longer tokens are refused unread
 */
@Validated
@ConfigurationProperties("ticketbooth.decisions")
public record DecisionProperties(@NotNull @DefaultValue("60s") Duration leeway, @NotNull @DefaultValue("5s") Duration cacheTtl,
		@Min(256) @Max(65536) @DefaultValue("8192") int maxTokenLength) {
}
