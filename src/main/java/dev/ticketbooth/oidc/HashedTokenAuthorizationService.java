package dev.ticketbooth.oidc;

import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
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
 */
final class HashedTokenAuthorizationService implements OAuth2AuthorizationService {

	private static final List<Class<? extends OAuth2Token>> TOKEN_TYPES = List.of(OAuth2AuthorizationCode.class,
			OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class, OAuth2DeviceCode.class,
			OAuth2UserCode.class);

	private final OAuth2AuthorizationService store;

	HashedTokenAuthorizationService(OAuth2AuthorizationService store) {
		this.store = store;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		store.save(withValues(authorization, value -> TokenHashes.isHash(value) ? value : TokenHashes.hash(value)));
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		store.remove(authorization);
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
