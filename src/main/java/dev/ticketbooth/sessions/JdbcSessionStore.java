package dev.ticketbooth.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ticketbooth.config.DbTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions in the server's database (H2 embedded, PostgreSQL in a cluster). A start runs in one
 * transaction that first locks the user's {@code end_users} row ({@code SELECT ... FOR UPDATE}):
 * starts for one user, on any node, then count and insert one after the other, so N+1 starts at
 * the same moment let exactly N through. Single use is the {@code used_tokens} primary key: the
 * first insert wins, and a refusal later in the same transaction rolls the use back.
 */
class JdbcSessionStore implements SessionStore {

	private static final String SESSION_COLUMNS = "id_hash, user_id, partner_id, token_hash, video, device_id, opened_by, "
			+ "started_at, expires_at, ended_at, end_reason";

	private static final String LOCK_USER = "SELECT id FROM end_users WHERE id = ? FOR UPDATE";

	private static final String USE_ONCE = "INSERT INTO used_tokens (jti_hash, expires_at) VALUES (?, ?)";

	private static final String RENEW_BY_TOKEN = "UPDATE viewer_sessions SET expires_at = ? WHERE user_id = ? "
			+ "AND token_hash = ? AND ended_at IS NULL AND expires_at > ?";

	private static final String LIVE_IDS = "SELECT id_hash FROM viewer_sessions WHERE user_id = ? AND ended_at IS NULL "
			+ "AND expires_at > ? ORDER BY started_at, id_hash";

	private static final String LIVE = "SELECT " + SESSION_COLUMNS + " FROM viewer_sessions WHERE user_id = ? "
			+ "AND ended_at IS NULL AND expires_at > ? ORDER BY started_at, id_hash";

	private static final String INSERT_SESSION = "INSERT INTO viewer_sessions (" + SESSION_COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)";

	private static final String HEARTBEAT = "UPDATE viewer_sessions SET expires_at = ? WHERE id_hash = ? "
			+ "AND ended_at IS NULL AND expires_at > ?";

	private static final String STATE = "SELECT expires_at, ended_at, end_reason FROM viewer_sessions WHERE id_hash = ?";

	private static final String END = "UPDATE viewer_sessions SET ended_at = ?, end_reason = ? WHERE id_hash = ? "
			+ "AND ended_at IS NULL AND expires_at > ?";

	private static final String END_ALL = "UPDATE viewer_sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? "
			+ "AND ended_at IS NULL AND expires_at > ?";

	private static final String DEVICE_REMOVED_AT = "SELECT removed_at FROM viewer_devices WHERE user_id = ? AND device_id = ?";

	private static final String DEVICE_EXISTS = "SELECT COUNT(*) FROM viewer_devices WHERE user_id = ? AND device_id = ?";

	private static final String SLOTS_TAKEN = "SELECT COUNT(*) FROM viewer_devices WHERE user_id = ? "
			+ "AND (removed_at IS NULL OR removed_at > ?)";

	private static final String INSERT_DEVICE = "INSERT INTO viewer_devices (user_id, device_id, first_seen, last_seen, "
			+ "removed_at) VALUES (?, ?, ?, ?, NULL)";

	private static final String SEEN_DEVICE = "UPDATE viewer_devices SET last_seen = ?, removed_at = NULL WHERE user_id = ? "
			+ "AND device_id = ?";

	private static final String RETAKE_DEVICE = "UPDATE viewer_devices SET first_seen = ?, last_seen = ?, removed_at = NULL "
			+ "WHERE user_id = ? AND device_id = ?";

	private static final String DEVICES = "SELECT device_id, first_seen, last_seen, removed_at FROM viewer_devices "
			+ "WHERE user_id = ? ORDER BY first_seen, device_id";

	private static final String REMOVE_DEVICE = "UPDATE viewer_devices SET removed_at = ? WHERE user_id = ? "
			+ "AND device_id = ? AND removed_at IS NULL";

	private static final String LIVE_BY_PARTNER = "SELECT partner_id, COUNT(*) AS live FROM viewer_sessions "
			+ "WHERE ended_at IS NULL AND expires_at > ? GROUP BY partner_id ORDER BY partner_id";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	JdbcSessionStore(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public Outcome open(Opening opening) {
		if (opening.open() && opening.renewSameToken() && opening.singleUseKey() == null && renew(opening)) {
			return Outcome.ADMITTED;
		}
		return transactions.execute(status -> {
			if (opening.open()) {
				jdbc.sql(LOCK_USER).param(opening.userId()).query(String.class).optional();
			}
			if (opening.singleUseKey() != null) {
				try {
					jdbc.sql(USE_ONCE).params(opening.singleUseKey(), DbTime.bind(opening.usedUntil())).update();
				}
				catch (DuplicateKeyException ex) {
					status.setRollbackOnly();
					return new Outcome(dev.ticketbooth.decisions.Reason.TOKEN_ALREADY_USED, 0);
				}
			}
			if (!opening.open()) {
				return Outcome.ADMITTED;
			}
			Instant now = opening.now();
			// again under the lock: a decision about the same token may have opened it meanwhile
			if (opening.renewSameToken() && renew(opening)) {
				return Outcome.ADMITTED;
			}
			DeviceSlot slot = opening.device() == null ? DeviceSlot.NONE : deviceSlot(opening);
			if (slot == DeviceSlot.REFUSED) {
				status.setRollbackOnly();
				return new Outcome(dev.ticketbooth.decisions.Reason.DEVICE_LIMIT, 0);
			}
			int kicked = 0;
			if (opening.streamLimit() != null) {
				List<String> live = jdbc.sql(LIVE_IDS).params(opening.userId(), DbTime.bind(now)).query(String.class).list();
				int over = live.size() - opening.streamLimit() + 1;
				if (over > 0 && !opening.kickOldest()) {
					status.setRollbackOnly();
					return new Outcome(dev.ticketbooth.decisions.Reason.STREAM_LIMIT, 0);
				}
				for (int i = 0; i < over; i++) {
					kicked += jdbc.sql(END).params(DbTime.bind(now), SessionEnd.KICKED, live.get(i), DbTime.bind(now)).update();
				}
			}
			writeDevice(opening, slot);
			jdbc.sql(INSERT_SESSION).params(opening.idHash(), opening.userId(), opening.partnerId(), opening.tokenHash(),
					opening.video(), opening.device(), opening.openedBy(), DbTime.bind(now), DbTime.bind(opening.expiresAt()))
				.update();
			return new Outcome(null, kicked);
		});
	}

	/**
	 * A decision about a token whose session is live renews it in one statement, without the user's
	 * lock: it adds no session, so no count can change. (A session ended or expired meanwhile is not
	 * renewed, and the locked path below decides as for a new one.)
	 */
	private boolean renew(Opening opening) {
		return jdbc.sql(RENEW_BY_TOKEN).params(DbTime.bind(opening.expiresAt()), opening.userId(), opening.tokenHash(),
				DbTime.bind(opening.now())).update() > 0;
	}

	private enum DeviceSlot {

		/** No device given. */
		NONE,
		/** The device holds its slot (in use, or removed within the cooldown). */
		HELD,
		/** A device that takes a free slot. */
		NEW,
		/** A device whose slot expired long ago takes a free slot again. */
		RETAKEN,
		REFUSED
	}

	/** Checks the device under the user's lock, writing nothing yet (a stream refusal may follow). */
	private DeviceSlot deviceSlot(Opening opening) {
		Instant freedBefore = opening.now().minus(opening.deviceSlotCooldown());
		boolean known = jdbc.sql(DEVICE_EXISTS).params(opening.userId(), opening.device()).query(Long.class).single() > 0;
		if (known) {
			Optional<Instant> removedAt = jdbc.sql(DEVICE_REMOVED_AT).params(opening.userId(), opening.device())
				.query((rs, row) -> DbTime.read(rs, "removed_at")).optional();
			if (removedAt.isEmpty() || removedAt.get().isAfter(freedBefore)) {
				return DeviceSlot.HELD; // removing and re-adding a device never costs a second slot
			}
		}
		if (opening.maxDevices() != null) {
			long taken = jdbc.sql(SLOTS_TAKEN).params(opening.userId(), DbTime.bind(freedBefore)).query(Long.class).single();
			if (taken >= opening.maxDevices()) {
				return DeviceSlot.REFUSED;
			}
		}
		return known ? DeviceSlot.RETAKEN : DeviceSlot.NEW;
	}

	private void writeDevice(Opening opening, DeviceSlot slot) {
		var now = DbTime.bind(opening.now());
		switch (slot) {
			case HELD -> jdbc.sql(SEEN_DEVICE).params(now, opening.userId(), opening.device()).update();
			case NEW -> jdbc.sql(INSERT_DEVICE).params(opening.userId(), opening.device(), now, now).update();
			case RETAKEN -> jdbc.sql(RETAKE_DEVICE).params(now, now, opening.userId(), opening.device()).update();
			default -> {
			}
		}
	}

	@Override
	public Beat heartbeat(String idHash, Instant now, Instant expiresAt) {
		if (jdbc.sql(HEARTBEAT).params(DbTime.bind(expiresAt), idHash, DbTime.bind(now)).update() > 0) {
			return new Beat(expiresAt, null);
		}
		return jdbc.sql(STATE).param(idHash)
			.query((rs, row) -> new Beat(null, rs.getString("end_reason") != null ? rs.getString("end_reason")
					: SessionEnd.EXPIRED))
			.optional().orElse(Beat.UNKNOWN);
	}

	@Override
	public boolean end(String idHash, String reason, Instant now) {
		return jdbc.sql(END).params(DbTime.bind(now), reason, idHash, DbTime.bind(now)).update() > 0;
	}

	@Override
	public int endAll(String userId, String reason, Instant now) {
		return jdbc.sql(END_ALL).params(DbTime.bind(now), reason, userId, DbTime.bind(now)).update();
	}

	@Override
	public List<LiveSession> live(String userId, Instant now) {
		return jdbc.sql(LIVE).params(userId, DbTime.bind(now))
			.query((rs, row) -> new LiveSession(rs.getString("id_hash"), rs.getString("partner_id"), rs.getString("video"),
					rs.getString("device_id"), rs.getString("opened_by"), DbTime.read(rs, "started_at"),
					DbTime.read(rs, "expires_at")))
			.list();
	}

	@Override
	public Optional<String> partnerOf(String idHash) {
		return jdbc.sql("SELECT partner_id FROM viewer_sessions WHERE id_hash = ?").param(idHash).query(String.class)
			.optional();
	}

	@Override
	public List<Device> devices(String userId) {
		return jdbc.sql(DEVICES).param(userId)
			.query((rs, row) -> new Device(rs.getString("device_id"), DbTime.read(rs, "first_seen"),
					DbTime.read(rs, "last_seen"), DbTime.read(rs, "removed_at")))
			.list();
	}

	@Override
	public boolean removeDevice(String userId, String device, Instant now) {
		return jdbc.sql(REMOVE_DEVICE).params(DbTime.bind(now), userId, device).update() > 0;
	}

	@Override
	public Map<String, Long> liveByPartner(Instant now) {
		Map<String, Long> counts = new LinkedHashMap<>();
		jdbc.sql(LIVE_BY_PARTNER).param(DbTime.bind(now))
			.query((rs, row) -> counts.put(rs.getString("partner_id"), rs.getLong("live"))).list();
		return counts;
	}

	@Override
	public void cleanUp(Instant now, Duration endedRetention, Duration longestCooldown) {
		var before = DbTime.bind(now.minus(endedRetention));
		jdbc.sql("DELETE FROM viewer_sessions WHERE expires_at < ? OR ended_at < ?").params(before, before).update();
		jdbc.sql("DELETE FROM used_tokens WHERE expires_at < ?").param(DbTime.bind(now)).update();
		jdbc.sql("DELETE FROM viewer_devices WHERE removed_at < ?").param(DbTime.bind(now.minus(longestCooldown))).update();
	}
}
