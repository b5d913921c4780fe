package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;

/**
 * Refresh tokens for every client that holds the {@code refresh_token} grant, public native apps
 * included: Spring Authorization Server's own generator gives none to public clients, which RFC
 * 9700 4.14.2 allows when the tokens rotate on every use (every client is registered with
 * {@code reuseRefreshTokens(false)}) and a reused one is detected
 * ({@link HashedTokenAuthorizationService}). Each token lives the client's idle timeout (its
 * refresh token time-to-live), never past the family's absolute lifetime counted from sign-in.
 */
final class RotatingRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(java.util.Base64.getUrlEncoder().withoutPadding(), 96);

	private final Clock clock;

	RotatingRefreshTokens(Clock clock) {
		this.clock = clock;
	}

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		RegisteredClient client = context.getRegisteredClient();
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
				|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			return null;
		}
		Instant issuedAt = clock.instant();
		Instant expiresAt = issuedAt.plus(client.getTokenSettings().getRefreshTokenTimeToLive());
		Object lifetime = client.getClientSettings().getSetting(ClientSettingNames.REFRESH_LIFETIME);
		if (lifetime != null) {
			Instant deadline = familyStart(context.getAuthorization(), issuedAt).plusSeconds(Long.parseLong(lifetime.toString()));
			if (deadline.isBefore(expiresAt)) {
				expiresAt = deadline;
			}
		}
		return new OAuth2RefreshToken(values.generateKey(), issuedAt, expiresAt);
	}

	/** When the viewer signed in: recorded with the first refresh token, or now for that first one. */
	static Instant familyStart(OAuth2Authorization authorization, Instant now) {
		Object started = authorization == null ? null
				: authorization.getAttribute(HashedTokenAuthorizationService.REFRESH_FAMILY_STARTED);
		return started == null ? now : Instant.ofEpochSecond(Long.parseLong(started.toString()));
	}
}
