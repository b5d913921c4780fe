package dev.ticketbooth.oidc;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.ticketbooth.config.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Stores authorizations with a hash in place of every code and token value (as ory/hydra keeps
 * signatures, not tokens), so a dump or backup of {@code oauth2_authorization} hands out nothing
 * that works at {@code /oauth2/token} or {@code /userinfo}. Look-ups hash the presented value; the
 * authorization found carries that presented value again, so the authorization server can still
 * name the token (revocation, introspection) as the client sent it. Values it does not know stay
 * hashes in memory, and are never hashed twice.
 * <p>
 * Refresh tokens rotate: when a save replaces an authorization's refresh token, the old one's
 * hash is kept ({@code oauth2_rotated_refresh_token}) until it would have expired. A rotated
 * token presented again means two parties hold the family (RFC 9700 4.14.2), and nobody can
 * tell which one is the viewer: the whole authorization is removed, so the current refresh
 * token fails too. The first save that holds a refresh token records when the family started,
 * for the client's absolute refresh lifetime ({@link RotatingRefreshTokens}).
 */
final class HashedTokenAuthorizationService implements OAuth2AuthorizationService {

	private static final List<Class<? extends OAuth2Token>> TOKEN_TYPES = List.of(OAuth2AuthorizationCode.class,
			OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class, OAuth2DeviceCode.class,
			OAuth2UserCode.class);

	/** When the first refresh token of this authorization was issued (epoch seconds, as a string). */
	static final String REFRESH_FAMILY_STARTED = "ticketbooth.refresh_family_started_at";

	private static final Logger log = LoggerFactory.getLogger(HashedTokenAuthorizationService.class);

	private static final String REMEMBER_ROTATED = """
			INSERT INTO oauth2_rotated_refresh_token (token_hash, authorization_id, expires_at) VALUES (?, ?, ?)""";

	private static final String FIND_ROTATED = "SELECT authorization_id FROM oauth2_rotated_refresh_token WHERE token_hash = ?";

	private final OAuth2AuthorizationService store;

	private final JdbcClient jdbc;

	HashedTokenAuthorizationService(OAuth2AuthorizationService store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization hashed = withValues(authorization,
				value -> TokenHashes.isHash(value) ? value : TokenHashes.hash(value));
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = hashed.getRefreshToken();
		if (refresh != null) {
			OAuth2Authorization previous = store.findById(hashed.getId());
			if (previous == null && hashed.getAttribute(REFRESH_FAMILY_STARTED) != null) {
				// the family was ended (reuse, revocation, logout) while this refresh was under way:
				// saving would bring it back
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"The sign-in this refresh token belonged to has ended", null));
			}
			OAuth2Authorization.Token<OAuth2RefreshToken> replaced = previous == null ? null : previous.getRefreshToken();
			if (replaced != null && !replaced.getToken().getTokenValue().equals(refresh.getToken().getTokenValue())) {
				rememberRotated(replaced.getToken(), hashed.getId());
			}
			if (hashed.getAttribute(REFRESH_FAMILY_STARTED) == null) {
				Instant started = refresh.getToken().getIssuedAt() == null ? Instant.now() : refresh.getToken().getIssuedAt();
				hashed = OAuth2Authorization.from(hashed)
					.attribute(REFRESH_FAMILY_STARTED, String.valueOf(started.getEpochSecond()))
					.build();
			}
		}
		try {
			store.save(hashed);
		}
		catch (DataIntegrityViolationException ex) {
			// two refreshes of one ended family racing to re-insert it: neither may
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The sign-in this refresh token belonged to has ended", null));
		}
	}

	/**
	 * The primary key makes each token rotate once: a second refresh with the same token at the
	 * same moment (a copy racing the app) finds it remembered already, and is treated as reuse.
	 */
	private void rememberRotated(OAuth2RefreshToken token, String authorizationId) {
		Instant expires = token.getExpiresAt() == null ? Instant.now().plusSeconds(30L * 86400) : token.getExpiresAt();
		try {
			jdbc.sql(REMEMBER_ROTATED).params(token.getTokenValue(), authorizationId, DbTime.bind(expires)).update();
		}
		catch (DuplicateKeyException ex) {
			reused(token.getTokenValue());
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The refresh token was used twice", null));
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		store.remove(authorization);
		forgetRotated(authorization.getId());
	}

	private void forgetRotated(String authorizationId) {
		jdbc.sql("DELETE FROM oauth2_rotated_refresh_token WHERE authorization_id = ?").param(authorizationId).update();
	}

	/**
	 * A refresh token that was rotated away came back: whoever holds the family now, the
	 * authorization ends. Answers null, like any unknown token ({@code invalid_grant}).
	 */
	private OAuth2Authorization reused(String hash) {
		String authorizationId = jdbc.sql(FIND_ROTATED).param(hash).query(String.class).optional().orElse(null);
		if (authorizationId != null) {
			OAuth2Authorization family = store.findById(authorizationId);
			if (family != null) {
				store.remove(family);
				log.warn("A rotated refresh token of client {} was used again: authorization {} ended",
						family.getRegisteredClientId(), authorizationId);
			}
			forgetRotated(authorizationId);
		}
		return null;
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return store.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token == null) {
			return null;
		}
		if (tokenType != null && OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
			return store.findByToken(token, tokenType); // the consent state is an attribute, not a token
		}
		String hash = TokenHashes.hash(token); // a stored hash presented as a token is hashed again: no match
		OAuth2Authorization found = store.findByToken(hash, tokenType);
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			return reused(hash);
		}
		return found == null ? null : withValues(found, value -> value.equals(hash) ? token : value);
	}

	/** The same authorization with each code and token value mapped; dates, scopes, claims and metadata kept. */
	private static OAuth2Authorization withValues(OAuth2Authorization authorization, UnaryOperator<String> map) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
		for (Class<? extends OAuth2Token> type : TOKEN_TYPES) {
			OAuth2Authorization.Token<? extends OAuth2Token> held = authorization.getToken(type);
			if (held != null) {
				OAuth2Token token = held.getToken();
				String value = map.apply(token.getTokenValue());
				if (!value.equals(token.getTokenValue())) {
					builder.token(withValue(token, value), metadata -> metadata.putAll(held.getMetadata()));
				}
			}
		}
		return builder.build();
	}

	private static OAuth2Token withValue(OAuth2Token token, String value) {
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(),
					access.getScopes());
		}
		if (token instanceof OAuth2RefreshToken) {
			return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OidcIdToken id) {
			return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
		}
		if (token instanceof OAuth2AuthorizationCode) {
			return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2DeviceCode) {
			return new OAuth2DeviceCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OAuth2UserCode) {
			return new OAuth2UserCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		throw new IllegalArgumentException("Unknown token type " + token.getClass().getName());
	}
}
