package dev.ticketbooth.config;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Server-wide settings.
 *
 * @param home folder holding {@code data/} (H2 files), {@code keys/} and optional
 *     {@code templates/} overrides; env {@code TICKETBOOTH_HOME}
 * @param issuer the {@code iss} of OIDC tokens and the base of published URLs
 * @param kek base64 key-encryption key; env {@code TICKETBOOTH_KEK}. When absent,
 *     {@code keys/master.key} under home is used (created on first start).
 * @param adminPassword password for the first admin; env {@code TICKETBOOTH_ADMIN_PASSWORD}
 */
@Validated
@ConfigurationProperties("ticketbooth")
public record TicketboothProperties(@NotNull @DefaultValue(".") Path home,
		@NotBlank @DefaultValue("http://localhost:8080") String issuer, String kek, String adminPassword) {

	public Path keysDirectory() {
		return home.resolve("keys");
	}

	@Override
	public String toString() {
		// never print secrets
		return "TicketboothProperties[home=" + home + ", issuer=" + issuer + "]";
	}
}
