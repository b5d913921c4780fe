package dev.ticketbooth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import dev.ticketbooth.config.DbTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per username and per client IP over a sliding window, in the database,
 * so every node of a cluster sees every failure: the limit holds for the cluster, not per node.
 * Expired rows are removed by the leased {@code login-failures-cleanup} job.
 */
@Component
class LoginThrottle {

	static final String CLEANUP_JOB = "login-failures-cleanup";

	private static final String RECENT = """
			SELECT
			  SUM(CASE WHEN throttle_key = :user THEN 1 ELSE 0 END) AS per_user,
			  SUM(CASE WHEN throttle_key = :ip THEN 1 ELSE 0 END) AS per_ip
			FROM login_failures WHERE throttle_key IN (:user, :ip) AND failed_at >= :since
			""";

	private final JdbcClient jdbc;

	private final LoginProperties properties;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, LoginProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	boolean blocked(String username, String ip) {
		Instant since = clock.instant().minus(properties.failureWindow());
		return jdbc.sql(RECENT).param("user", userKey(username)).param("ip", ipKey(ip)).param("since", DbTime.bind(since))
			.query((rs, row) -> rs.getLong("per_user") >= properties.maxFailuresPerUser()
					|| rs.getLong("per_ip") >= properties.maxFailuresPerIp())
			.single();
	}

	void failed(String username, String ip) {
		Instant now = DbTime.now(clock);
		for (String key : new String[] { userKey(username), ipKey(ip) }) {
			jdbc.sql("INSERT INTO login_failures (throttle_key, failed_at) VALUES (?, ?)").params(key, DbTime.bind(now))
				.update();
		}
	}

	void succeeded(String username) {
		jdbc.sql("DELETE FROM login_failures WHERE throttle_key = ?").param(userKey(username)).update();
	}

	/** Removes failures that have left the window; returns how many. */
	int removeExpired() {
		return jdbc.sql("DELETE FROM login_failures WHERE failed_at < ?")
			.param(DbTime.bind(clock.instant().minus(properties.failureWindow()))).update();
	}

	int tracked() {
		return jdbc.sql("SELECT COUNT(*) FROM login_failures").query(Integer.class).single();
	}

	private static String userKey(String username) {
		return hash("u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT)));
	}

	private static String ipKey(String ip) {
		return hash("i:" + ip);
	}

	private static String hash(String key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
