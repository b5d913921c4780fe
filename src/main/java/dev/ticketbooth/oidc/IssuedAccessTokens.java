package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * A signature proves we issued an access token, not that it still stands: after verification,
 * the token's authorization must still exist and not be revoked ({@code /oauth2/revoke}), and its
 * client must still be registered (deleting a client deletes its authorizations). A
 * client-credentials token has no stored authorization: {@link ClientCredentialsTokens} rebuilds
 * one only while its {@code jti} is not denied and its client's row stands. The answer is
 * reused for {@code ttl} ({@code ticketbooth.decisions.cache-ttl}), so a revocation reaches every
 * node within it while a back end calling many times pays one look-up per period.
 */
public final class IssuedAccessTokens implements JwtDecoder {

	private final JwtDecoder verified;

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final Duration ttl;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Instant> standingUntil = new ConcurrentHashMap<>();

	public IssuedAccessTokens(JwtDecoder verified, OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients, Duration ttl, Clock clock, int capacity) {
		this.verified = verified;
		this.authorizations = authorizations;
		this.clients = clients;
		this.ttl = ttl;
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = verified.decode(token);
		Instant now = clock.instant();
		Instant until = standingUntil.get(token);
		if (until != null && now.isBefore(until)) {
			return jwt;
		}
		if (!stillStanding(token)) {
			standingUntil.remove(token);
			throw new BadJwtException("The access token was revoked, or its client removed");
		}
		if (standingUntil.size() >= capacity) {
			standingUntil.clear();
		}
		standingUntil.put(token, now.plus(ttl));
		return jwt;
	}

	private boolean stillStanding(String token) {
		OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		return authorization != null && authorization.getAccessToken() != null
				&& !authorization.getAccessToken().isInvalidated()
				&& clients.findById(authorization.getRegisteredClientId()) != null;
	}
}
