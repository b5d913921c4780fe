package dev.ticketbooth.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.ticketbooth.config.DbTime;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQL for key sets, keys and the key-ring generation counter. */
class KeyRepository {

	private static final String KEY_COLUMNS = "kid, key_set, algorithm, state, origin, public_key, private_key_ciphertext, "
			+ "partner_key_id, created_at, activated_at, retired_at, revoked_at";

	private static final String SELECT_KEYS = "SELECT " + KEY_COLUMNS + " FROM signing_keys";

	private static final String INSERT_KEY = "INSERT INTO signing_keys (" + KEY_COLUMNS
			+ ") VALUES (:kid, :keySet, :algorithm, :state, :origin, :publicKey, :privateKey, :partnerKeyId, "
			+ ":createdAt, :activatedAt, :retiredAt, :revokedAt)";

	private static final String SELECT_SETS = "SELECT name, algorithms, published, created_at, vendor_key_ids FROM key_sets";

	private static final RowMapper<StoredKey> KEY_ROW = KeyRepository::mapKey;

	private static final RowMapper<KeySet> SET_ROW = KeyRepository::mapSet;

	private final JdbcClient jdbc;

	KeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<KeySet> findSets() {
		return jdbc.sql(SELECT_SETS + " ORDER BY name").query(SET_ROW).list();
	}

	Optional<KeySet> findSet(String name) {
		return jdbc.sql(SELECT_SETS + " WHERE name = ?").param(name).query(SET_ROW).optional();
	}

	void insertSet(KeySet set) {
		jdbc.sql("INSERT INTO key_sets (name, algorithms, published, created_at, vendor_key_ids) VALUES (?, ?, ?, ?, ?)")
			.params(set.name(), set.algorithms().stream().map(Enum::name).collect(Collectors.joining(",")),
					set.published(), DbTime.bind(set.createdAt()), set.vendorKeyIds())
			.update();
	}

	/** Never cleared: see {@link KeySet#vendorKeyIds()}. */
	void requireVendorKeyIds(String name) {
		jdbc.sql("UPDATE key_sets SET vendor_key_ids = true WHERE name = ?").param(name).update();
	}

	/** Row lock on the set: serializes key changes to one set across threads and nodes. */
	boolean lockSet(String name) {
		return jdbc.sql("SELECT name FROM key_sets WHERE name = ? FOR UPDATE").param(name).query(String.class)
			.optional().isPresent();
	}

	List<StoredKey> findAll() {
		return jdbc.sql(SELECT_KEYS + " ORDER BY key_set, created_at").query(KEY_ROW).list();
	}

	Optional<StoredKey> findByKid(String kid) {
		return jdbc.sql(SELECT_KEYS + " WHERE kid = ?").param(kid).query(KEY_ROW).optional();
	}

	List<StoredKey> find(String set, KeyAlgorithm algorithm, KeyState state) {
		return jdbc.sql(SELECT_KEYS + " WHERE key_set = ? AND algorithm = ? AND state = ? ORDER BY created_at")
			.params(set, algorithm.name(), state.name()).query(KEY_ROW).list();
	}

	void insert(StoredKey key) {
		jdbc.sql(INSERT_KEY).param("kid", key.kid()).param("keySet", key.keySet())
			.param("algorithm", key.algorithm().name()).param("state", key.state().name())
			.param("origin", key.origin().name()).param("publicKey", key.publicKey())
			.param("privateKey", key.privateKeyCiphertext()).param("partnerKeyId", key.partnerKeyId())
			.param("createdAt", DbTime.bind(key.createdAt())).param("activatedAt", DbTime.bind(key.activatedAt()))
			.param("retiredAt", DbTime.bind(key.retiredAt())).param("revokedAt", DbTime.bind(key.revokedAt()))
			.update();
	}

	void activate(String kid, Instant at) {
		jdbc.sql("UPDATE signing_keys SET state = 'ACTIVE', activated_at = ? WHERE kid = ?").params(DbTime.bind(at), kid)
			.update();
	}

	void retire(String kid, Instant at) {
		jdbc.sql("UPDATE signing_keys SET state = 'RETIRED', retired_at = ? WHERE kid = ?").params(DbTime.bind(at), kid)
			.update();
	}

	/** Revoked keys keep their row (so the same key is never trusted or imported again) but lose the private key. */
	void revoke(String kid, Instant at) {
		jdbc.sql("UPDATE signing_keys SET state = 'REVOKED', revoked_at = ?, private_key_ciphertext = NULL WHERE kid = ?")
			.params(DbTime.bind(at), kid).update();
	}

	void setPartnerKeyId(String kid, String partnerKeyId) {
		jdbc.sql("UPDATE signing_keys SET partner_key_id = ? WHERE kid = ?").params(partnerKeyId, kid).update();
	}

	int delete(String kid) {
		return jdbc.sql("DELETE FROM signing_keys WHERE kid = ?").param(kid).update();
	}

	void bumpGeneration() {
		jdbc.sql("UPDATE key_ring_state SET generation = generation + 1 WHERE id = 1").update();
	}

	long generation() {
		return jdbc.sql("SELECT generation FROM key_ring_state WHERE id = 1").query(Long.class).single();
	}

	Optional<String> kekCheck() {
		return jdbc.sql("SELECT ciphertext FROM key_encryption_check WHERE id = 1").query(String.class).optional();
	}

	void insertKekCheck(String ciphertext, Instant at) {
		jdbc.sql("INSERT INTO key_encryption_check (id, ciphertext, created_at) VALUES (1, ?, ?)")
			.params(ciphertext, DbTime.bind(at)).update();
	}

	private static StoredKey mapKey(ResultSet rs, int row) throws SQLException {
		return new StoredKey(rs.getString("kid"), rs.getString("key_set"), KeyAlgorithm.valueOf(rs.getString("algorithm")),
				KeyState.valueOf(rs.getString("state")), KeyOrigin.valueOf(rs.getString("origin")),
				rs.getString("public_key"), rs.getString("private_key_ciphertext"), rs.getString("partner_key_id"),
				DbTime.read(rs, "created_at"), DbTime.read(rs, "activated_at"), DbTime.read(rs, "retired_at"),
				DbTime.read(rs, "revoked_at"));
	}

	private static KeySet mapSet(ResultSet rs, int row) throws SQLException {
		List<KeyAlgorithm> algorithms = Arrays.stream(rs.getString("algorithms").split(",")).map(KeyAlgorithm::valueOf)
			.toList();
		return new KeySet(rs.getString("name"), algorithms, rs.getBoolean("published"), DbTime.read(rs, "created_at"),
				rs.getBoolean("vendor_key_ids"));
	}
}
