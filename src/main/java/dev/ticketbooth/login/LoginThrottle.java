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
 * whole cluster. Before a password is checked, the attempt takes a place for its username and
 * for its client address, by a conditional UPDATE that the row lock serialises: a place exists
 * while the window's failures plus the checks in flight stay under the limit. So however many
 * attempts arrive at once, at most the limit get a password check. An attempt that finds every
 * place taken by checks still in flight (not by failures) waits a moment for them: a burst of
 * right passwords, such as an operator's script calling the API in parallel, is served, not
 * refused. A failure keeps its place for the window; a success clears the username's count and
 * gives the address its place back. Keys are SHA-256 hashes, never the typed username. Expired
 * rows are removed by the leased {@code login-failures-cleanup} job.
 */
@Component
public class LoginThrottle {

	static final String CLEANUP_JOB = "login-failures-cleanup";

	/** How long an attempt waits for checks in flight before it is refused. */
	private static final Duration MAX_WAIT = Duration.ofSeconds(3);

	private static final long POLL_MILLIS = 50;

	private static final String TAKE = """
			UPDATE login_attempts SET in_flight = in_flight + 1
			WHERE throttle_key = :key AND window_started_at > :cutoff AND failures + in_flight < :max
			""";

	private static final String RESTART = """
			UPDATE login_attempts SET failures = 0, in_flight = 1, window_started_at = :now
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

	/**
	 * Whose sign-ins these are: end users and operators are counted apart. Device user codes
	 * typed at {@code /activate} are guesses too, counted per address in their own realm.
	 */
	public enum Realm {

		END_USER("u"), OPERATOR("o"), DEVICE_CODE("d");

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

	/** What {@link #take} found: a place, every place taken by failures (until when), or by checks in flight. */
	private record Place(boolean taken, Instant blockedUntil) {

		static final Place TAKEN = new Place(true, null);

		static final Place BUSY = new Place(false, null);
	}

	/**
	 * Takes a place for the username and one for the address, or refuses without taking any.
	 * Waits (at most a few seconds) while the places are held by checks in flight.
	 */
	public Attempt reserve(Realm realm, String username, String ip) {
		String user = userKey(realm, username);
		String address = ipKey(realm, ip);
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		while (true) {
			Instant now = DbTime.now(clock);
			Place forUser = take(user, properties.maxFailuresPerUser(), now);
			Place forAddress = forUser.taken() ? take(address, properties.maxFailuresPerIp(), now) : null;
			if (forUser.taken() && forAddress.taken()) {
				return new Attempt(user, address, null);
			}
			if (forUser.taken()) {
				release(user);
			}
			Instant blockedUntil = forUser.taken() ? forAddress.blockedUntil() : forUser.blockedUntil();
			if (blockedUntil != null) {
				return new Attempt(user, address, blockedUntil);
			}
			if (System.nanoTime() > deadline) {
				return new Attempt(user, address, now.plusSeconds(1));
			}
			pause();
		}
	}

	/** The password was wrong (or the account not usable): the places stay taken, as failures. */
	public void failed(Attempt attempt) {
		for (String key : new String[] { attempt.userKey(), attempt.ipKey() }) {
			jdbc.sql("UPDATE login_attempts SET in_flight = in_flight - 1, failures = failures + 1 "
					+ "WHERE throttle_key = ? AND in_flight > 0").param(key).update();
		}
	}

	/** The password was right: the username starts afresh and the address gets its place back. */
	public void succeeded(Attempt attempt) {
		jdbc.sql("DELETE FROM login_attempts WHERE throttle_key = ?").param(attempt.userKey()).update();
		release(attempt.ipKey());
	}

	/** The check could not be made (an error): both places are given back, nothing counted. */
	public void abandoned(Attempt attempt) {
		release(attempt.userKey());
		release(attempt.ipKey());
	}

	private Place take(String key, int max, Instant now) {
		Instant cutoff = now.minus(properties.failureWindow());
		if (update(TAKE, key, max, now, cutoff) == 1 || update(RESTART, key, max, now, cutoff) == 1) {
			return Place.TAKEN;
		}
		try {
			jdbc.sql("INSERT INTO login_attempts (throttle_key, window_started_at, failures, in_flight) VALUES (?, ?, 0, 1)")
				.params(key, DbTime.bind(now)).update();
			return Place.TAKEN;
		}
		catch (DuplicateKeyException ex) {
			// another attempt created the row at the same moment: take a place in it, if one is left
			if (update(TAKE, key, max, now, cutoff) == 1) {
				return Place.TAKEN;
			}
		}
		return jdbc.sql("SELECT window_started_at, failures FROM login_attempts WHERE throttle_key = ?").param(key)
			.query((rs, row) -> rs.getInt("failures") >= max
					? new Place(false, DbTime.read(rs, "window_started_at").plus(properties.failureWindow())) : Place.BUSY)
			.optional()
			.orElse(Place.BUSY);
	}

	private int update(String sql, String key, int max, Instant now, Instant cutoff) {
		return jdbc.sql(sql).param("key", key).param("max", max).param("now", DbTime.bind(now))
			.param("cutoff", DbTime.bind(cutoff)).update();
	}

	private void release(String key) {
		jdbc.sql("UPDATE login_attempts SET in_flight = in_flight - 1 WHERE throttle_key = ? AND in_flight > 0").param(key)
			.update();
	}

	private static void pause() {
		try {
			Thread.sleep(POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a sign-in place", ex);
		}
	}

	/** Removes counts whose window has ended; returns how many. */
	int removeExpired() {
		return jdbc.sql("DELETE FROM login_attempts WHERE window_started_at <= ?")
			.param(DbTime.bind(clock.instant().minus(properties.failureWindow()))).update();
	}

	/** Failures counted for a username in its current row, for tests. */
	int failures(Realm realm, String username) {
		return jdbc.sql("SELECT failures FROM login_attempts WHERE throttle_key = ?").param(userKey(realm, username))
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
