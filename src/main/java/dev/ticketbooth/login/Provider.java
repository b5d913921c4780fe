package dev.ticketbooth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An Applicaster authorization provider as registered in their CMS: the app opens our
 * {@code /authorize} URL, and we answer with an HS256 token signed with the pre-shared secret.
 *
 * @param issuerName the {@code iss} Applicaster expects (the provider name in their CMS)
 * @param redirectUris exact URIs the app may ask us to return to, custom schemes included
 */
public record Provider(String id, String displayName, String issuerName, Duration tokenLifetime,
		List<String> redirectUris, Instant createdAt) {

	public Provider {
		redirectUris = List.copyOf(redirectUris);
	}
}
