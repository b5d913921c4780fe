package dev.ticketbooth.oidc;

import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;
import dev.ticketbooth.config.DbTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Client-credentials access tokens are not stored: writing their authorization was 18% of a
 * token request, and such a token has no user, refresh token or consent to remember. What
 * revocation and introspection need comes from the token itself (a JWT we signed, marked
 * {@code gty: client_credentials} by {@link TokenEnrichment}) plus two look-ups in the shared
 * database: the deny list of revoked ids ({@link RevokedAccessTokens}) and the client's row (it
 * must still exist and have been registered before the token was issued, so a client deleted and
 * registered again under the same id does not bring its old tokens back).
 * <p>
 * For such a token {@link #findByToken} rebuilds an authorization in memory, so Spring's
 * revocation (the caller must be the token's client, RFC 7009), introspection and
 * {@link IssuedAccessTokens} work as for stored tokens; {@link #save} of a rebuilt, invalidated
 * one is a revocation and denies its {@code jti}. Every other authorization (authorization code,
 * device, refresh, and client-credentials tokens stored before this) goes to the store as before.
 */
final class ClientCredentialsTokens implements OAuth2AuthorizationService {

	/** The claim that marks an access token as not stored (Auth0's name for the grant type). */
	static final String GRANT_CLAIM = "gty";

	static final String GRANT = AuthorizationGrantType.CLIENT_CREDENTIALS.getValue();

	/** Marks an authorization rebuilt from a token rather than read from the store. */
	private static final String REBUILT = "ticketbooth.unstored_access_token";

	private static final String CLIENT = "SELECT id, client_id_issued_at FROM oauth2_registered_client WHERE client_id = ?";

	private record ClientRow(String id, Instant registeredAt) {
	}

	private final OAuth2AuthorizationService store;

	private final JwtDecoder decoder;

	private final RevokedAccessTokens revoked;

	private final JdbcClient jdbc;

	ClientCredentialsTokens(OAuth2AuthorizationService store, JwtDecoder decoder, RevokedAccessTokens revoked,
			JdbcClient jdbc) {
		this.store = store;
		this.decoder = decoder;
		this.revoked = revoked;
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		if (authorization.getAttribute(REBUILT) != null) {
			// only Spring's revocation saves a rebuilt authorization, with its token invalidated
			if (access != null && access.isInvalidated()) {
				revoked.deny(authorization.getAttribute(REBUILT), access.getToken().getExpiresAt());
			}
			return;
		}
		if (access != null && !access.isInvalidated() && access.getClaims() != null
				&& GRANT.equals(access.getClaims().get(GRANT_CLAIM))) {
			return; // a client-credentials token just issued: nothing to store
		}
		store.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		if (authorization.getAttribute(REBUILT) == null) {
			store.remove(authorization);
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return store.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token != null && (tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) && unstored(token)) {
			return rebuilt(token);
		}
		return store.findByToken(token, tokenType);
	}

	/** Whether the token claims to be an unstored one; cheap (no signature check), so rebuilt() verifies. */
	private static boolean unstored(String token) {
		if (token.indexOf('.') < 0) {
			return false; // refresh tokens, codes: not JWTs
		}
		try {
			return GRANT.equals(JWTParser.parse(token).getJWTClaimsSet().getClaim(GRANT_CLAIM));
		}
		catch (ParseException ex) {
			return false;
		}
	}

	/** The authorization a standing token would have had, or null when it was revoked, its client removed, or it is not ours. */
	private OAuth2Authorization rebuilt(String token) {
		Jwt jwt;
		try {
			jwt = decoder.decode(token);
		}
		catch (JwtException ex) {
			return null; // forged, expired, or not an access token: never stored either
		}
		String jti = jwt.getId();
		if (jti == null || jwt.getSubject() == null || revoked.denied(jti)) {
			return null;
		}
		Optional<ClientRow> client = jdbc.sql(CLIENT).param(jwt.getSubject())
			.query((rs, row) -> new ClientRow(rs.getString("id"), DbTime.read(rs, "client_id_issued_at")))
			.optional();
		Instant issuedAt = jwt.getIssuedAt();
		if (client.isEmpty() || issuedAt == null || (client.get().registeredAt() != null
				&& issuedAt.getEpochSecond() < client.get().registeredAt().getEpochSecond())) {
			return null;
		}
		Set<String> scopes = scopes(jwt.getClaims().get("scope"));
		Map<String, Object> claims = new LinkedHashMap<>(jwt.getClaims());
		claims.put("scope", scopes);
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, issuedAt,
				jwt.getExpiresAt(), scopes);
		return new OAuth2Authorization.Builder(client.get().id()) {
		}.id("unstored:" + jti)
			.principalName(jwt.getSubject())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(scopes)
			.attribute(REBUILT, jti)
			.token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims))
			.build();
	}

	private static Set<String> scopes(Object claim) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claim instanceof Collection<?> values) {
			values.forEach(value -> scopes.add(String.valueOf(value)));
		}
		else if (claim instanceof String value && !value.isBlank()) {
			scopes.addAll(Arrays.asList(value.trim().split("\\s+")));
		}
		return scopes;
	}
}
