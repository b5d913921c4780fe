package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Duration;

import dev.ticketbooth.config.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes authorizations whose every code and token has expired (plus a grace period), so
 * {@code oauth2_authorization} does not grow forever. Abandoned requests that never got a code
 * are removed once they are older than the grace period too, and so are device requests whose
 * codes expired unused.
 */
@Component
class AuthorizationCleanup {

	static final String JOB = "authorization-cleanup";

	private static final Logger log = LoggerFactory.getLogger(AuthorizationCleanup.class);

	private static final String EXPIRED = """
			DELETE FROM oauth2_authorization WHERE
			  (authorization_code_expires_at IS NULL OR authorization_code_expires_at < :cutoff)
			  AND (access_token_expires_at IS NULL OR access_token_expires_at < :cutoff)
			  AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < :cutoff)
			  AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < :cutoff)
			  AND (device_code_expires_at IS NULL OR device_code_expires_at < :cutoff)
			  AND (user_code_expires_at IS NULL OR user_code_expires_at < :cutoff)
			  AND COALESCE(authorization_code_issued_at, access_token_issued_at, refresh_token_issued_at,
			    device_code_issued_at) IS NOT NULL
			""";

	/** Rotated refresh tokens are remembered only until they would have expired anyway. */
	private static final String EXPIRED_ROTATIONS = "DELETE FROM oauth2_rotated_refresh_token WHERE expires_at < :cutoff";

	/** Revoked client-credentials tokens are denied only until they would have expired anyway. */
	private static final String EXPIRED_REVOCATIONS = "DELETE FROM revoked_access_token WHERE expires_at < :cutoff";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration grace;

	AuthorizationCleanup(JdbcClient jdbc, Clock clock, @Value("${ticketbooth.oidc.cleanup-grace:1h}") Duration grace) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.grace = grace;
	}

	int run() {
		int removed = jdbc.sql(EXPIRED).param("cutoff", DbTime.bind(clock.instant().minus(grace))).update();
		jdbc.sql(EXPIRED_ROTATIONS).param("cutoff", DbTime.bind(clock.instant().minus(grace))).update();
		jdbc.sql(EXPIRED_REVOCATIONS).param("cutoff", DbTime.bind(clock.instant().minus(grace))).update();
		if (removed > 0) {
			log.info("Removed {} expired authorizations", removed);
		}
		return removed;
	}
}
