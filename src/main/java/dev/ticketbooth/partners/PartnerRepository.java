package dev.ticketbooth.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.config.DbTime;
import dev.ticketbooth.keys.KeyAlgorithm;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code partners} table: SQL and row mapping only. Nothing here validates, caches or
 * translates errors for callers; {@link Partners} does that. Claim names, URL templates and rules
 * are stored as JSON text, so the same columns serve H2 and PostgreSQL.
 */
@Repository
class PartnerRepository {

	private static final String TABLE = "partners";

	private static final String COLUMNS = "id, profile, key_set, algorithm, issuer, audience, default_lifetime_seconds, "
			+ "max_lifetime_seconds, claim_names, url_templates, library_tokens, callback_username, allow_plain_user_ids, "
			+ "rules, created_at, settings, max_streams, stream_limit_policy, max_devices, device_slot_cooldown_seconds, single_use";

	private static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLE;

	private static final String FIND_BY_ID = SELECT + " WHERE id = ?";

	private static final String LIST = SELECT + " ORDER BY id";

	private static final String CALLBACK_CREDENTIALS = "SELECT id, callback_secret_hash FROM " + TABLE
			+ " WHERE callback_username = ?";

	private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String UPDATE_VIEWER_LIMITS = "UPDATE " + TABLE + " SET max_streams = ?, stream_limit_policy = ?, "
			+ "max_devices = ?, device_slot_cooldown_seconds = ?, single_use = ? WHERE id = ?";

	private static final String UPDATE = "UPDATE " + TABLE + " SET key_set = ?, algorithm = ?, issuer = ?, audience = ?, "
			+ "default_lifetime_seconds = ?, max_lifetime_seconds = ?, claim_names = ?, url_templates = ?, library_tokens = ?, "
			+ "allow_plain_user_ids = ?, rules = ?, settings = ? WHERE id = ?";

	private static final String UPDATE_RULES = "UPDATE " + TABLE + " SET rules = ? WHERE id = ?";

	private static final String UPDATE_CALLBACK_CREDENTIALS = "UPDATE " + TABLE
			+ " SET callback_username = ?, callback_secret_hash = ? WHERE id = ?";

	private static final String DELETE = "DELETE FROM " + TABLE + " WHERE id = ?";

	private final JdbcClient jdbc;

	PartnerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Partner> find(String id) {
		return jdbc.sql(FIND_BY_ID).param(id).query(PartnerRepository::map).optional();
	}

	/** The partner with this callback username, by id, and the stored hash of its callback password. */
	record CallbackCredentials(String partnerId, String secretHash) {
	}

	Optional<CallbackCredentials> callbackCredentials(String username) {
		return jdbc.sql(CALLBACK_CREDENTIALS).param(username)
			.query((rs, row) -> new CallbackCredentials(rs.getString("id"), rs.getString("callback_secret_hash")))
			.optional();
	}

	List<Partner> list() {
		return jdbc.sql(LIST).query(PartnerRepository::map).list();
	}

	/**
	 * The row without callback credentials: those follow ({@link #updateCallbackCredentials}), so
	 * that a taken callback username is told from a taken id.
	 *
	 * @throws DuplicateKeyException when a partner with this id exists
	 */
	void insert(Partner partner) {
		jdbc.sql(INSERT)
			.params(partner.id(), partner.profile().name(), partner.keySet(), partner.algorithm().name(), partner.issuer(),
					partner.audience(), partner.defaultLifetime().toSeconds(), partner.maxLifetime().toSeconds(),
					JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.claimNames())),
					JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.urlTemplates())), partner.libraryTokens(), null,
					partner.allowPlainUserIds(), JSONObjectUtils.toJSONString(partner.rules().json()),
					DbTime.bind(partner.createdAt()), JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.settings())),
					partner.viewerLimits().maxStreams(), partner.viewerLimits().streamLimitPolicy(),
					partner.viewerLimits().maxDevices(), partner.viewerLimits().deviceSlotCooldown().toSeconds(),
					partner.viewerLimits().singleUse())
			.update();
	}

	/** Every setting but the id, profile, creation time and callback credentials; whether there was such a partner. */
	boolean update(Partner partner) {
		return jdbc.sql(UPDATE)
			.params(partner.keySet(), partner.algorithm().name(), partner.issuer(), partner.audience(),
					partner.defaultLifetime().toSeconds(), partner.maxLifetime().toSeconds(),
					JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.claimNames())),
					JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.urlTemplates())), partner.libraryTokens(),
					partner.allowPlainUserIds(), JSONObjectUtils.toJSONString(partner.rules().json()),
					JSONObjectUtils.toJSONString(new LinkedHashMap<>(partner.settings())), partner.id())
			.update() > 0;
	}

	void updateViewerLimits(String id, ViewerLimits limits) {
		jdbc.sql(UPDATE_VIEWER_LIMITS).params(limits.maxStreams(), limits.streamLimitPolicy(), limits.maxDevices(),
				limits.deviceSlotCooldown().toSeconds(), limits.singleUse(), id).update();
	}

	void updateRules(String id, PartnerRules rules) {
		jdbc.sql(UPDATE_RULES).params(JSONObjectUtils.toJSONString(rules.json()), id).update();
	}

	/** @throws DuplicateKeyException when another partner has this callback username */
	void updateCallbackCredentials(String id, String username, String secretHash) {
		jdbc.sql(UPDATE_CALLBACK_CREDENTIALS).params(username, secretHash, id).update();
	}

	/** Whether there was such a partner. */
	boolean delete(String id) {
		return jdbc.sql(DELETE).param(id).update() > 0;
	}

	private static Partner map(ResultSet rs, int row) throws SQLException {
		try {
			return new Partner(rs.getString("id"), PartnerProfile.valueOf(rs.getString("profile")), rs.getString("key_set"),
					KeyAlgorithm.valueOf(rs.getString("algorithm")), rs.getString("issuer"), rs.getString("audience"),
					Duration.ofSeconds(rs.getLong("default_lifetime_seconds")),
					Duration.ofSeconds(rs.getLong("max_lifetime_seconds")), strings(rs.getString("claim_names")),
					strings(rs.getString("url_templates")), rs.getBoolean("library_tokens"), rs.getString("callback_username"),
					rs.getBoolean("allow_plain_user_ids"), PartnerRules.parse(JSONObjectUtils.parse(rs.getString("rules"))),
					DbTime.read(rs, "created_at"), strings(rs.getString("settings")),
					new ViewerLimits(rs.getObject("max_streams", Integer.class), rs.getString("stream_limit_policy"),
							rs.getObject("max_devices", Integer.class),
							Duration.ofSeconds(rs.getLong("device_slot_cooldown_seconds")), rs.getBoolean("single_use")));
		}
		catch (ParseException ex) {
			throw new SQLException("partners row " + rs.getString("id") + " holds malformed JSON", ex);
		}
	}

	private static Map<String, String> strings(String json) throws ParseException {
		Map<String, String> out = new LinkedHashMap<>();
		JSONObjectUtils.parse(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
		return out;
	}
}
