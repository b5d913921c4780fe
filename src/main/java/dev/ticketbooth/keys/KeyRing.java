package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import dev.ticketbooth.config.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;

/**
 * The decrypted keys of every set, held in memory as one immutable snapshot that is swapped on
 * change. Reads (signing, JWKS, verification) never touch the database; a cheap generation
 * query notices changes made by other nodes or the CLI.
 */
public class KeyRing {

	private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

	private static final byte[] KEK_CHECK = "ticketbooth key-encryption key check v1".getBytes(StandardCharsets.UTF_8);

	private static final String KEK_CHECK_CONTEXT = "key-encryption-check";

	private final KeyRepository repository;

	private final KeyMaterial material;

	private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Map.of(), PublishedJwks.of(List.of()));

	KeyRing(KeyRepository repository, KeyMaterial material) {
		this.repository = repository;
		this.material = material;
	}

	/**
	 * @param jwksBySet each set's own published keys
	 * @param published the document {@code /.well-known/jwks.json} serves: the default set's keys, then those of
	 *     every other set marked published, by set name
	 */
	private record Snapshot(long generation, Map<String, RingKey> byKid, Map<String, PublishedJwks> jwksBySet,
			PublishedJwks published) {
	}

	/**
	 * Checks the KEK against the database (recording a check value on first start) and loads the
	 * keys. Any failure here stops start-up before a single key is changed.
	 */
	void open(KeyEncryptionKey kek, Clock clock) {
		Optional<String> check = repository.kekCheck();
		if (check.isEmpty()) {
			try {
				repository.insertKekCheck(kek.encryptToBase64(KEK_CHECK, KEK_CHECK_CONTEXT), DbTime.now(clock));
			}
			catch (DuplicateKeyException ex) {
				// another node's first start, at the same moment: its KEK must be ours
				check = repository.kekCheck();
			}
		}
		if (check.isPresent()) {
			byte[] plain = kek.decryptFromBase64(check.get(), KEK_CHECK_CONTEXT);
			if (!Arrays.equals(plain, KEK_CHECK)) {
				throw new KeyEncryptionKeyException("The key-encryption check value does not match.",
						"Restore the key_encryption_check row from a backup.");
			}
		}
		reload();
	}

	/** Re-reads every key now. Called after each key transaction commits on this node. */
	public synchronized void reload() {
		long generation = repository.generation();
		Map<String, RingKey> byKid = new LinkedHashMap<>();
		for (StoredKey stored : repository.findAll()) {
			byKid.put(stored.kid(), material.open(stored));
		}
		List<KeySet> sets = repository.findSets();
		Map<String, List<JWK>> keysBySet = sets.stream().collect(Collectors.toMap(KeySet::name,
				set -> byKid.values().stream()
					// an HS256 secret is never in a JWKS
					.filter(k -> k.keySet().equals(set.name()) && k.state().published() && !k.algorithm().symmetric())
					.sorted(Comparator.comparing(RingKey::state).thenComparing(RingKey::createdAt))
					.map(RingKey::publicJwk).toList()));
		Map<String, PublishedJwks> jwks = keysBySet.entrySet().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, e -> PublishedJwks.of(e.getValue())));
		// the default set first, so its keys keep their place whatever other sets are published
		List<JWK> published = sets.stream().filter(set -> set.published() || set.name().equals(KeySet.DEFAULT))
			.sorted(Comparator.comparing((KeySet set) -> !set.name().equals(KeySet.DEFAULT)).thenComparing(KeySet::name))
			.flatMap(set -> keysBySet.get(set.name()).stream()).toList();
		snapshot = new Snapshot(generation, Map.copyOf(byKid), Map.copyOf(jwks), PublishedJwks.of(published));
	}

	/** Reloads when another node or the CLI changed a key since the last load. */
	public void refreshIfChanged() {
		try {
			if (repository.generation() != snapshot.generation()) {
				reload();
			}
		}
		catch (RuntimeException ex) {
			// keep serving the keys we have; the next refresh tries again
			log.warn("Key ring refresh failed; keeping generation {}: {}", snapshot.generation(), ex.toString());
		}
	}

	public long generation() {
		return snapshot.generation();
	}

	/** The key that signs for this set and algorithm. */
	public RingKey active(String set, KeyAlgorithm algorithm) {
		return snapshot.byKid().values().stream()
			.filter(k -> k.state() == KeyState.ACTIVE && k.keySet().equals(set) && k.algorithm() == algorithm)
			.findFirst()
			.orElseThrow(() -> new NoActiveKeyException(set, algorithm));
	}

	/**
	 * A key trusted for verification: NEXT, ACTIVE or RETIRED, never REVOKED, and never an HS256
	 * secret (it signs a CDN's URLs; a token "signed" with it would be one anyone at the CDN could forge).
	 */
	public Optional<RingKey> trusted(String kid) {
		RingKey key = kid == null ? null : snapshot.byKid().get(kid);
		return key != null && key.state().published() && !key.algorithm().symmetric() ? Optional.of(key)
				: Optional.empty();
	}

	/** Every key, including revoked ones, in set and creation order. */
	public List<RingKey> keys() {
		return List.copyOf(snapshot.byKid().values());
	}

	public Optional<RingKey> find(String kid) {
		return Optional.ofNullable(snapshot.byKid().get(kid));
	}

	/**
	 * The published public keys (NEXT, ACTIVE, RETIRED) of one set, empty when the set does not
	 * exist, whether or not the set is in the JWKS: the authorization server trusts the default
	 * set's alone.
	 */
	public PublishedJwks jwks(String set) {
		PublishedJwks jwks = snapshot.jwksBySet().get(set);
		return jwks != null ? jwks : PublishedJwks.of(List.of());
	}

	/**
	 * What {@code /.well-known/jwks.json} serves: the published keys of the default set and of
	 * every set marked published. Serialized once per reload.
	 */
	public PublishedJwks publishedJwks() {
		return snapshot.published();
	}
}
