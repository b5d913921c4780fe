package dev.ticketbooth.decisions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ticketbooth.config.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The last denials, for the console's Decisions page: time, partner, video, user id when known,
 * reason code and channel; never the token. Kept in the database so every node's denials show on
 * every node's console, and bounded: {@link RecentDenialsSchedule} removes rows older than
 * {@link #RETENTION} and beyond the newest {@link #CAP}, on one node of the cluster.
 */
@Service
public class RecentDenials {

	/** How long a denial stays on the page. */
	public static final Duration RETENTION = Duration.ofDays(7);

	/** At most this many rows are kept (a flood of bad tokens cannot fill the database). */
	public static final int CAP = 10_000;

	private static final Logger log = LoggerFactory.getLogger(RecentDenials.class);

	private static final String COLUMNS = "at, partner_id, video_id, user_id, reason, channel";

	private static final String INSERT = "INSERT INTO recent_denials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

	private static final String RECENT = "SELECT " + COLUMNS + " FROM recent_denials ORDER BY id DESC LIMIT ?";

	private static final String RECENT_OF_PARTNER = "SELECT " + COLUMNS
			+ " FROM recent_denials WHERE partner_id = ? ORDER BY id DESC LIMIT ?";

	private static final String REMOVE_OLD = "DELETE FROM recent_denials WHERE at < ?";

	private static final String REMOVE_BEYOND_CAP = "DELETE FROM recent_denials WHERE id <= "
			+ "(SELECT id FROM recent_denials ORDER BY id DESC LIMIT 1 OFFSET ?)";

	private static final RowMapper<Denial> ROW = (rs, row) -> new Denial(DbTime.read(rs, "at"), rs.getString("partner_id"),
			rs.getString("video_id"), rs.getString("user_id"), rs.getString("reason"), rs.getString("channel"));

	private final JdbcClient jdbc;

	private final Clock clock;

	RecentDenials(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One denial; {@code partner} null when the token matched none. */
	public record Denial(Instant at, String partner, String video, String userId, String reason, String channel) {
	}

	/** Writes one denial; a failure to write is logged and never changes the decision. */
	void record(String partner, String video, String userId, String reason, String channel) {
		try {
			jdbc.sql(INSERT).params(DbTime.bind(DbTime.now(clock)), partner, cut(video, 200), cut(userId, 64), cut(reason, 64),
					cut(channel, 20)).update();
		}
		catch (DataAccessException ex) {
			log.warn("Could not record a denial for the console: {}", ex.getMessage());
		}
	}

	/** The newest denials first, of one partner or (null) of all. */
	public List<Denial> recent(String partner, int limit) {
		return partner == null || partner.isBlank() ? jdbc.sql(RECENT).param(limit).query(ROW).list()
				: jdbc.sql(RECENT_OF_PARTNER).params(partner, limit).query(ROW).list();
	}

	/** Removes denials older than {@code retention} and all but the newest {@code cap}; returns how many. */
	public int prune(Duration retention, int cap) {
		int old = jdbc.sql(REMOVE_OLD).param(DbTime.bind(DbTime.now(clock).minus(retention))).update();
		return old + jdbc.sql(REMOVE_BEYOND_CAP).param(cap).update();
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}
}
