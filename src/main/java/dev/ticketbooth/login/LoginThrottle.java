package dev.ticketbooth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import dev.ticketbooth.config.DbTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling for end users and operators, in the database so the limit holds for the
 * whole cluster. An attempt is reserved for the username and for the client address before the
 * password is checked, by a conditional UPDATE that the row lock serialises: however many attempts
 * arrive at once, at most the limit get a password check per window. A success gives its places
 * back (and clears the username's count); a failure keeps them. Keys are SHA-256 hashes, never the
 * typed username. Expired rows are removed by the leased {@code login-failures-cleanup} job.
 */
@Component
public class LoginThrottle {

	static final String CLEANUP_JOB = "login-failures-cleanup";

	private static final String TAKE = """
			UPDATE login_attempts SET attempts = attempts + 1
			WHERE throttle_key = :key AND window_started_at > :cutoff AND attempts < :max
			""";

	private static final String RESTART = """
			UPDATE login_attempts SET attempts = 1, window_started_at = :now
			WHERE throttle_key = :key AND window_started_at <= :cutoff
			""";

	private final JdbcClient jdbc;

	private final LoginProperties properties;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, LoginProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whose sign-ins these are: end users and operators are counted apart. */
	public enum Realm {

		END_USER("u"), OPERATOR("o");

		private final String prefix;

		Realm(String prefix) {
			this.prefix = prefix;
		}
	}

	/** A reserved attempt (its keys), or a refusal with the moment the next attempt may come. */
	public record Attempt(String userKey, String ipKey, Instant retryAt) {

		public boolean reserved() {
			return retryAt == null;
		}

		/** Whole seconds until the next attempt may be made, at least 1. */
		public long retryAfterSeconds(Instant now) {
			return Math.max(1, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
		}
	}

	/** Takes one attempt for the username and one for the address, or refuses without taking any. */
	public Attempt reserve(Realm realm, String username, String ip) {
		Instant now = DbTime.now(clock);
		String user = userKey(realm, username);
		String address = ipKey(realm, ip);
		Instant userBlocked = take(user, properties.maxFailuresPerUser(), now);
		if (userBlocked != null) {
			return new Attempt(user, address, userBlocked);
		}
		Instant addressBlocked = take(address, properties.maxFailuresPerIp(), now);
		if (addressBlocked != null) {
			giveBack(user);
			return new Attempt(user, address, addressBlocked);
		}
		return new Attempt(user, address, null);
	}

	/** The password was right: the username starts afresh and the address gets its place back. */
	public void succeeded(Attempt attempt) {
		jdbc.sql("DELETE FROM login_attempts WHERE throttle_key = ?").param(attempt.userKey()).update();
		giveBack(attempt.ipKey());
	}

	/** Null when a place was taken, else when the window that is full ends. */
	private Instant take(String key, int max, Instant now) {
		Instant cutoff = now.minus(properties.failureWindow());
		if (update(TAKE, key, max, now, cutoff) == 1 || update(RESTART, key, max, now, cutoff) == 1) {
			return null;
		}
		try {
			jdbc.sql("INSERT INTO login_attempts (throttle_key, window_started_at, attempts) VALUES (?, ?, 1)")
				.params(key, DbTime.bind(now)).update();
			return null;
		}
		catch (DuplicateKeyException ex) {
			// another attempt created the row at the same moment: take a place in it, if one is left
			if (update(TAKE, key, max, now, cutoff) == 1) {
				return null;
			}
		}
		return jdbc.sql("SELECT window_started_at FROM login_attempts WHERE throttle_key = ?").param(key)
			.query((rs, row) -> DbTime.read(rs, "window_started_at")).optional()
			.map(started -> started.plus(properties.failureWindow()))
			.orElse(now.plusSeconds(1));
	}

	private int update(String sql, String key, int max, Instant now, Instant cutoff) {
		return jdbc.sql(sql).param("key", key).param("max", max).param("now", DbTime.bind(now))
			.param("cutoff", DbTime.bind(cutoff)).update();
	}

	private void giveBack(String key) {
		jdbc.sql("UPDATE login_attempts SET attempts = attempts - 1 WHERE throttle_key = ? AND attempts > 0").param(key)
			.update();
	}

	/** Removes counts whose window has ended; returns how many. */
	int removeExpired() {
		return jdbc.sql("DELETE FROM login_attempts WHERE window_started_at <= ?")
			.param(DbTime.bind(clock.instant().minus(properties.failureWindow()))).update();
	}

	/** Attempts counted for a username, for tests and the console. */
	int attempts(Realm realm, String username) {
		return jdbc.sql("SELECT attempts FROM login_attempts WHERE throttle_key = ?").param(userKey(realm, username))
			.query(Integer.class).optional().orElse(0);
	}

	int tracked() {
		return jdbc.sql("SELECT COUNT(*) FROM login_attempts").query(Integer.class).single();
	}

	private static String userKey(Realm realm, String username) {
		return hash("u:" + realm.prefix + ":" + (username == null ? "" : username.toLowerCase(Locale.ROOT)));
	}

	private static String ipKey(Realm realm, String ip) {
		return hash("i:" + realm.prefix + ":" + ip);
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
