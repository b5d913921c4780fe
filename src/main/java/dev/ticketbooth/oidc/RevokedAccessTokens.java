package dev.ticketbooth.oidc;

import java.time.Instant;

import dev.ticketbooth.config.DbTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deny list of revoked access tokens that are not stored (client credentials): their
 * {@code jti} until they expire, in the shared database so every node sees a revocation.
 * Expired rows are removed by {@link AuthorizationCleanup}.
 */
final class RevokedAccessTokens {

	private final JdbcClient jdbc;

	RevokedAccessTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void deny(String tokenId, Instant expiresAt) {
		try {
			jdbc.sql("INSERT INTO revoked_access_token (token_id, expires_at) VALUES (?, ?)")
				.params(tokenId, DbTime.bind(expiresAt)).update();
		}
		catch (DuplicateKeyException ex) {
			// revoked twice at once: once is enough
		}
	}

	boolean denied(String tokenId) {
		return jdbc.sql("SELECT COUNT(*) FROM revoked_access_token WHERE token_id = ?").param(tokenId)
			.query(Long.class).single() > 0;
	}
}
