package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.config.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change to the key ring. Each operation is one database transaction holding a row lock on
 * its key set, so a crash rolls it back whole and two nodes never promote the same set twice.
 * After a commit the local ring reloads and the change's events are published; other nodes see
 * the bumped generation.
 */
public class KeyRotation {

	/** Its job lease: the schedule rotates on one node of the cluster per check interval. */
	public static final String JOB = "key-rotation";

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private static final Pattern SET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private final KeyRepository repository;

	private final KeyMaterial material;

	private final KeyRing ring;

	private final KeyProperties properties;

	private final RotationSchedule schedule;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final java.util.function.Consumer<KeyEvent> events;

	private final String origin;

	/** NEXT keys whose skipped rotation this node has logged. */
	private final java.util.Set<String> skipLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Test seam: runs inside a promotion after the old key is retired, to simulate a crash there. */
	Runnable afterRetire = () -> {
	};

	KeyRotation(KeyRepository repository, KeyMaterial material, KeyRing ring, KeyProperties properties,
			TransactionTemplate transactions, Clock clock, java.util.function.Consumer<KeyEvent> events, String origin) {
		this.events = events;
		this.origin = origin;
		this.repository = repository;
		this.material = material;
		this.ring = ring;
		this.properties = properties;
		this.schedule = RotationSchedule.of(properties);
		this.transactions = transactions;
		this.clock = clock;
	}

	/** First start: the default set exists and every set has an ACTIVE and a NEXT key. */
	public void bootstrap() {
		if (repository.findSet(KeySet.DEFAULT).isEmpty()) {
			try {
				inTransaction(() -> {
					repository.insertSet(new KeySet(KeySet.DEFAULT, List.of(KeyAlgorithm.RS256), true, DbTime.now(clock)));
					return null;
				});
			}
			catch (DuplicateKeyException ex) {
				// another node created it, starting at the same moment; maintain() below locks the set
			}
		}
		maintain();
	}

	public List<KeySet> sets() {
		return repository.findSets();
	}

	public KeySet createSet(String name, List<KeyAlgorithm> algorithms, boolean published) {
		if (name == null || !SET_NAME.matcher(name).matches()) {
			throw ApiProblemException.badRequest("invalid-key-set-name",
					"A key set name is 1-64 characters of a-z, 0-9 and '-', starting with a letter or digit");
		}
		if (algorithms == null || algorithms.isEmpty()) {
			throw ApiProblemException.badRequest("invalid-algorithms", "A key set needs at least one algorithm");
		}
		if (algorithms.contains(KeyAlgorithm.HS256) && (algorithms.stream().distinct().count() > 1 || published)) {
			// one kind per set: rotating it and the partners using it then mean one thing
			throw ApiProblemException.badRequest("invalid-algorithms",
					"An HS256 set holds CDN secrets only: no other algorithm, and never published");
		}
		KeySet set = new KeySet(name, algorithms.stream().distinct().toList(), published, DbTime.now(clock));
		try {
			return change(() -> inserted(set), locked -> {
				for (KeyAlgorithm algorithm : set.algorithms()) {
					ensureActiveAndNext(set, algorithm, DbTime.now(clock));
				}
				locked.afterCommit(() -> {
					publish("set-created", name, "-");
					log.info("Created key set '{}' {} ({})", name, set.algorithms(), published ? "published" : "not published");
				});
				return set;
			});
		}
		catch (DuplicateKeyException ex) {
			// created by another request since the check; this transaction is rolled back
			throw setExists(name);
		}
	}

	/** A set this transaction inserts is as good as locked: no other transaction sees it before the commit. */
	private KeySet inserted(KeySet set) {
		if (repository.findSet(set.name()).isPresent()) {
			throw setExists(set.name());
		}
		repository.insertSet(set);
		return set;
	}

	private static ApiProblemException setExists(String name) {
		return ApiProblemException.conflict("key-set-exists", "Key set '" + name + "' already exists");
	}

	/**
	 * The schedule's step for every set: give each an ACTIVE and a NEXT key, promote NEXT where
	 * the ACTIVE key has served its rotation period (published sets only: an unpublished set's
	 * partner holds an uploaded copy of the public key, so only an operator may switch it; and not
	 * while the NEXT key of a set with vendor key ids has no partner key id), and remove RETIRED
	 * keys past retention. The schedule never forces.
	 */
	public List<RotationResult> maintain() {
		List<RotationResult> results = new ArrayList<>();
		for (KeySet listed : repository.findSets()) {
			results.addAll(change(listed.name(), locked -> {
				KeySet set = locked.set();
				List<RotationResult> done = new ArrayList<>();
				boolean changed = false;
				for (KeyAlgorithm algorithm : set.algorithms()) {
					Instant now = DbTime.now(clock);
					RotationResult result = ensureActiveAndNext(set, algorithm, now);
					if (result.outcome() == RotationResult.Outcome.UNCHANGED && set.rotatesOnSchedule() && rotationDue(set, algorithm, now)) {
						StoredKey next = first(set.name(), algorithm, KeyState.NEXT).orElseThrow();
						if (lacksVendorKeyId(set, next)) {
							locked.afterCommit(() -> skipped(next));
						}
						else {
							result = promote(set, algorithm, now);
						}
					}
					changed |= result.outcome() != RotationResult.Outcome.UNCHANGED;
					changed |= removeExpired(locked, algorithm, now) > 0;
					done.add(result);
				}
				if (!changed) {
					locked.unchanged();
				}
				announce(locked, done, "");
				return done;
			}));
		}
		return results;
	}

	/**
	 * On-demand rotation: promote each algorithm's NEXT key of the set. Refuses, unless
	 * {@code force}, while a NEXT key of a set with vendor key ids has no partner key id (409
	 * {@code partner-key-id-missing}: the platform would not know the key that signs) and while a
	 * NEXT key has been published for less than the lead time (409 {@code next-key-too-young}: a
	 * forced promotion may meet verifiers whose cached JWKS lacks the key).
	 */
	public List<RotationResult> rotate(String setName, KeyAlgorithm onlyAlgorithm, boolean force) {
		return change(setName, locked -> {
			KeySet set = locked.set();
			List<KeyAlgorithm> algorithms = onlyAlgorithm == null ? set.algorithms() : List.of(onlyAlgorithm);
			if (!set.algorithms().containsAll(algorithms)) {
				throw ApiProblemException.badRequest("algorithm-not-in-set",
						"Key set '" + setName + "' holds " + set.algorithms() + ", not " + onlyAlgorithm);
			}
			Instant now = DbTime.now(clock);
			for (KeyAlgorithm algorithm : algorithms) {
				if (algorithm.symmetric() && first(set.name(), algorithm, KeyState.NEXT).isEmpty()) {
					throw ApiProblemException.conflict("next-secret-missing", "Key set '" + setName
							+ "' has no NEXT secret: import the CDN's new (transition) key with activate false, then rotate");
				}
			}
			if (!force) {
				for (KeyAlgorithm algorithm : algorithms.stream().filter(a -> !a.symmetric()).toList()) {
					Optional<StoredKey> next = first(set.name(), algorithm, KeyState.NEXT);
					if (next.isPresent() && lacksVendorKeyId(set, next.get())) {
						throw partnerKeyIdMissing(next.get());
					}
					if (next.isPresent() && !schedule.promotable(next.get().createdAt(), now)) {
						Instant promotableAt = schedule.promotableAt(next.get().createdAt());
						throw new ApiProblemException(HttpStatus.CONFLICT, "next-key-too-young", "The NEXT " + algorithm
								+ " key " + next.get().kid() + " has been published since " + next.get().createdAt()
								+ "; verifiers may not have it before " + promotableAt
								+ ". Retry then, or force the rotation.",
								Map.of("kid", next.get().kid(), "promotable_at", promotableAt.toString()));
					}
				}
			}
			List<RotationResult> done = new ArrayList<>();
			for (KeyAlgorithm algorithm : algorithms) {
				RotationResult ensured = ensureActiveAndNext(set, algorithm, now);
				boolean nextIsFresh = ensured.outcome() == RotationResult.Outcome.PREPUBLISHED;
				if (ensured.outcome() == RotationResult.Outcome.ACTIVATED || (nextIsFresh && !force)) {
					done.add(ensured);
				}
				else {
					done.add(promote(set, algorithm, now));
				}
			}
			announce(locked, done, force ? " on demand (forced)" : " on demand");
			return done;
		});
	}

	/**
	 * Withdraws a key at once. Revoking the ACTIVE key promotes the NEXT key immediately (or
	 * generates one): signing must go on, even if some verifier has not fetched it yet.
	 */
	public RingKey revoke(String kid) {
		String setName = stored(kid).keySet();
		change(setName, locked -> {
			StoredKey current = repository.findByKid(kid).orElseThrow();
			if (current.state() == KeyState.REVOKED) {
				// nothing to change, but the request is recorded like the first one
				locked.unchanged();
			}
			else {
				Instant now = DbTime.now(clock);
				repository.revoke(kid, now);
				RotationResult replaced = ensureActiveAndNext(locked.set(), current.algorithm(), now);
				if (current.state() == KeyState.ACTIVE) {
					log.warn("Revoked the ACTIVE key {} of set '{}'; {} now signs", kid, setName, replaced.activeKid());
				}
			}
			locked.afterCommit(() -> {
				publish("revoked", setName, kid);
				log.info("Revoked key {} of set '{}'", kid, setName);
			});
			return null;
		});
		return ring.find(kid).orElseThrow();
	}

	/**
	 * Adds an operator's key pair to a set. It becomes ACTIVE when the set has none for its
	 * algorithm or when {@code activate} is set (the previous ACTIVE key retires); otherwise it
	 * becomes the NEXT key, replacing a NEXT key that never signed.
	 */
	public RingKey importKey(KeyPair pair, String setName, String partnerKeyId, boolean activate) {
		KeyAlgorithm algorithm = KeyAlgorithm.of(pair.getPublic());
		String kid = KeyMaterial.thumbprint(algorithm, pair.getPublic());
		String partnerId = validPartnerKeyId(partnerKeyId);
		try {
			change(setName, locked -> {
				insertImported(locked.set(), pair, algorithm, kid, partnerId, activate);
				locked.afterCommit(() -> {
					publish("imported", setName, kid);
					log.info("Imported {} key {} into set '{}'", algorithm, kid, setName);
				});
				return null;
			});
		}
		catch (DuplicateKeyException ex) {
			// imported into another set since the check (the set lock covers one set only)
			throw repository.findByKid(kid).map(KeyRotation::alreadyStored).orElseThrow(() -> ex);
		}
		return ring.find(kid).orElseThrow();
	}

	/**
	 * Adds a secret a CDN shares with us (Akamai's key, bunny.net's security key) to an HS256 set,
	 * as {@link #importKey} adds a key pair: ACTIVE when the set has none or when {@code activate}
	 * is set (the previous ACTIVE secret retires), otherwise NEXT (Akamai's transition key). The
	 * secret is sealed under the KEK; no log or answer holds it.
	 */
	public RingKey importSecret(String secret, String setName, String partnerKeyId, boolean activate) {
		byte[] bytes = validSecret(secret);
		String kid = material.secretKid(bytes);
		String partnerId = validPartnerKeyId(partnerKeyId);
		try {
			change(setName, locked -> {
				KeySet set = locked.set();
				if (!set.algorithms().contains(KeyAlgorithm.HS256)) {
					throw ApiProblemException.badRequest("algorithm-not-in-set", "Key set '" + set.name() + "' holds "
							+ set.algorithms() + " keys; a secret goes into a set of algorithm HS256");
				}
				Optional<StoredKey> existing = repository.findByKid(kid);
				if (existing.isPresent()) {
					throw alreadyStored(existing.get());
				}
				Instant now = DbTime.now(clock);
				Optional<StoredKey> active = first(set.name(), KeyAlgorithm.HS256, KeyState.ACTIVE);
				if (active.isEmpty() || activate) {
					active.ifPresent(a -> repository.retire(a.kid(), now));
					repository.insert(material.sealSecret(bytes, set.name(), KeyState.ACTIVE, partnerId, now));
				}
				else {
					// the NEXT secret is the CDN's transition key; a new one replaces it
					first(set.name(), KeyAlgorithm.HS256, KeyState.NEXT).ifPresent(n -> repository.delete(n.kid()));
					repository.insert(material.sealSecret(bytes, set.name(), KeyState.NEXT, partnerId, now));
				}
				locked.afterCommit(() -> {
					publish("imported", setName, kid);
					log.info("Imported HS256 secret {} into set '{}'", kid, setName);
				});
				return null;
			});
		}
		catch (DuplicateKeyException ex) {
			throw repository.findByKid(kid).map(KeyRotation::alreadyStored).orElseThrow(() -> ex);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
		return ring.find(kid).orElseThrow();
	}

	/** 16-1024 printable ASCII characters: what CDNs hand out (hex, UUIDs); the message never repeats it. */
	private static byte[] validSecret(String secret) {
		if (secret == null || secret.length() < 16 || secret.length() > 1024
				|| !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw ApiProblemException.badRequest("invalid-secret",
					"A secret is 16-1024 printable ASCII characters without spaces, as the CDN shows it");
		}
		return secret.getBytes(StandardCharsets.US_ASCII);
	}

	private void insertImported(KeySet set, KeyPair pair, KeyAlgorithm algorithm, String kid, String partnerId,
			boolean activate) {
		if (!set.algorithms().contains(algorithm)) {
			throw ApiProblemException.badRequest("algorithm-not-in-set",
					"Key set '" + set.name() + "' holds " + set.algorithms() + " keys; this is an " + algorithm + " key");
		}
		Optional<StoredKey> existing = repository.findByKid(kid);
		if (existing.isPresent()) {
			throw alreadyStored(existing.get());
		}
		Instant now = DbTime.now(clock);
		Optional<StoredKey> active = first(set.name(), algorithm, KeyState.ACTIVE);
		if (active.isEmpty() || activate) {
			active.ifPresent(a -> repository.retire(a.kid(), now));
			repository.insert(material.seal(pair, set.name(), algorithm, KeyState.ACTIVE, KeyOrigin.IMPORTED, partnerId, now));
		}
		else {
			// a NEXT key never signed anything, so dropping it cannot break a verifier
			first(set.name(), algorithm, KeyState.NEXT).ifPresent(n -> repository.delete(n.kid()));
			repository.insert(material.seal(pair, set.name(), algorithm, KeyState.NEXT, KeyOrigin.IMPORTED, partnerId, now));
		}
		ensureActiveAndNext(set, algorithm, now);
	}

	private static ApiProblemException alreadyStored(StoredKey existing) {
		return existing.state() == KeyState.REVOKED
				? ApiProblemException.conflict("key-revoked", "Key " + existing.kid() + " was revoked and is never trusted again")
				: ApiProblemException.conflict("key-exists",
						"Key " + existing.kid() + " is already in set '" + existing.keySet() + "'");
	}

	/**
	 * Marks the set as used by a platform that knows our keys only by the id it assigned: from now
	 * on it is not rotated while its NEXT key has no partner key id, unless forced. Called when such
	 * a partner is created on the set; the mark is never removed, since the platform may still hold
	 * the set's keys after the partner is gone.
	 */
	public KeySet requireVendorKeyIds(String setName) {
		return change(setName, locked -> {
			if (locked.set().vendorKeyIds()) {
				locked.unchanged();
				return locked.set();
			}
			repository.requireVendorKeyIds(setName);
			locked.afterCommit(() -> {
				publish("vendor-key-ids-required", setName, "-");
				log.info("Key set '{}' now needs a partner key id on its NEXT key before each rotation", setName);
			});
			return repository.findSet(setName).orElseThrow();
		});
	}

	/** Records the id a partner assigned to our uploaded public key (Vidbeo's {@code keyid}). */
	public RingKey setPartnerKeyId(String kid, String partnerKeyId) {
		String value = validPartnerKeyId(partnerKeyId);
		String setName = stored(kid).keySet();
		change(setName, locked -> {
			// looked up again under the lock: retention may have removed it meanwhile
			repository.setPartnerKeyId(stored(kid).kid(), value);
			locked.afterCommit(() -> publish("partner-key-id-set", setName, kid));
			return null;
		});
		return ring.find(kid).orElseThrow();
	}

	private StoredKey stored(String kid) {
		return repository.findByKid(kid)
			.orElseThrow(() -> ApiProblemException.notFound("unknown-key", "No key with kid '" + kid + "'"));
	}

	private static String validPartnerKeyId(String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > 200 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw ApiProblemException.badRequest("invalid-partner-key-id",
					"A partner key id is 1-200 printable ASCII characters without spaces");
		}
		return value;
	}

	private static boolean lacksVendorKeyId(KeySet set, StoredKey next) {
		return set.vendorKeyIds() && next.partnerKeyId() == null;
	}

	private static ApiProblemException partnerKeyIdMissing(StoredKey next) {
		return new ApiProblemException(HttpStatus.CONFLICT, "partner-key-id-missing", "The NEXT " + next.algorithm()
				+ " key " + next.kid() + " of set '" + next.keySet() + "' has no partner key id, and a platform using the set "
				+ "knows our keys only by the id it assigned: upload the key's public PEM to the platform, record its id with "
				+ "PATCH /api/admin/keys/" + next.kid() + ", then rotate. Or force the rotation.",
				Map.of("kid", next.kid(), "set", next.keySet()));
	}

	/** Logged once per NEXT key and node: the schedule checks every minute. */
	private void skipped(StoredKey next) {
		if (skipLogged.add(next.kid())) {
			log.warn("Key set '{}' is due for rotation, but its NEXT {} key {} has no partner key id: not rotated. Upload "
					+ "its public PEM to the platform and record the id (PATCH /api/admin/keys/{}); the schedule rotates "
					+ "the set after that.", next.keySet(), next.algorithm(), next.kid(), next.kid());
		}
	}

	private boolean rotationDue(KeySet set, KeyAlgorithm algorithm, Instant now) {
		return schedule.rotationDue(first(set.name(), algorithm, KeyState.ACTIVE).orElseThrow(),
				first(set.name(), algorithm, KeyState.NEXT).orElseThrow(), now);
	}

	/** Makes sure an ACTIVE and a NEXT key exist; never promotes a NEXT key while an ACTIVE one exists. */
	private RotationResult ensureActiveAndNext(KeySet set, KeyAlgorithm algorithm, Instant now) {
		if (algorithm.symmetric()) {
			return ensureActiveSecret(set, now);
		}
		Optional<StoredKey> active = first(set.name(), algorithm, KeyState.ACTIVE);
		Optional<StoredKey> next = first(set.name(), algorithm, KeyState.NEXT);
		RotationResult.Outcome outcome = RotationResult.Outcome.UNCHANGED;
		String activeKid;
		if (active.isPresent()) {
			activeKid = active.get().kid();
		}
		else if (next.isPresent()) {
			// no ACTIVE key (it was revoked): the published NEXT key is the best successor
			repository.activate(next.get().kid(), now);
			activeKid = next.get().kid();
			next = Optional.empty();
			outcome = RotationResult.Outcome.ACTIVATED;
		}
		else {
			StoredKey created = generate(set.name(), algorithm, KeyState.ACTIVE, now);
			activeKid = created.kid();
			outcome = RotationResult.Outcome.ACTIVATED;
		}
		String nextKid;
		if (next.isPresent()) {
			nextKid = next.get().kid();
		}
		else {
			nextKid = generate(set.name(), algorithm, KeyState.NEXT, now).kid();
			if (outcome == RotationResult.Outcome.UNCHANGED) {
				outcome = RotationResult.Outcome.PREPUBLISHED;
			}
		}
		Instant promotableAt = first(set.name(), algorithm, KeyState.NEXT).map(n -> schedule.promotableAt(n.createdAt()))
			.orElse(null);
		return new RotationResult(set.name(), algorithm, outcome, activeKid, nextKid, null, promotableAt);
	}

	/**
	 * Secrets are never generated (a secret we never export could not be pasted at the CDN): when the
	 * ACTIVE secret is gone (revoked), the NEXT one, which the CDN holds as its transition key, signs.
	 * A set may hold no secret at all until the operator imports one.
	 */
	private RotationResult ensureActiveSecret(KeySet set, Instant now) {
		Optional<StoredKey> active = first(set.name(), KeyAlgorithm.HS256, KeyState.ACTIVE);
		Optional<StoredKey> next = first(set.name(), KeyAlgorithm.HS256, KeyState.NEXT);
		if (active.isEmpty() && next.isPresent()) {
			repository.activate(next.get().kid(), now);
			return new RotationResult(set.name(), KeyAlgorithm.HS256, RotationResult.Outcome.ACTIVATED, next.get().kid(),
					null, null, null);
		}
		return new RotationResult(set.name(), KeyAlgorithm.HS256, RotationResult.Outcome.UNCHANGED,
				active.map(StoredKey::kid).orElse(null), next.map(StoredKey::kid).orElse(null), null, null);
	}

	/** ACTIVE → RETIRED, NEXT → ACTIVE, a new NEXT published (none for secrets: the next one is imported). */
	private RotationResult promote(KeySet set, KeyAlgorithm algorithm, Instant now) {
		if (algorithm.symmetric()) {
			StoredKey next = first(set.name(), algorithm, KeyState.NEXT).orElseThrow();
			Optional<StoredKey> active = first(set.name(), algorithm, KeyState.ACTIVE);
			active.ifPresent(a -> repository.retire(a.kid(), now));
			repository.activate(next.kid(), now);
			return new RotationResult(set.name(), algorithm, RotationResult.Outcome.PROMOTED, next.kid(), null,
					active.map(StoredKey::kid).orElse(null), null);
		}
		StoredKey active = first(set.name(), algorithm, KeyState.ACTIVE).orElseThrow();
		StoredKey next = first(set.name(), algorithm, KeyState.NEXT).orElseThrow();
		repository.retire(active.kid(), now);
		afterRetire.run();
		repository.activate(next.kid(), now);
		StoredKey newNext = generate(set.name(), algorithm, KeyState.NEXT, now);
		return new RotationResult(set.name(), algorithm, RotationResult.Outcome.PROMOTED, next.kid(), newNext.kid(),
				active.kid(), schedule.promotableAt(newNext.createdAt()));
	}

	private int removeExpired(LockedSet locked, KeyAlgorithm algorithm, Instant now) {
		String set = locked.set().name();
		int removed = 0;
		for (StoredKey retired : repository.find(set, algorithm, KeyState.RETIRED)) {
			if (!retired.retiredAt().plus(properties.retention()).isAfter(now)) {
				removed += repository.delete(retired.kid());
				locked.afterCommit(() -> {
					publish("removed", set, retired.kid());
					log.info("Removed RETIRED key {} of set '{}' after retention", retired.kid(), set);
				});
			}
		}
		return removed;
	}

	private StoredKey generate(String set, KeyAlgorithm algorithm, KeyState state, Instant now) {
		StoredKey key = material.seal(algorithm.newKeyPair(), set, algorithm, state, KeyOrigin.GENERATED, null, now);
		repository.insert(key);
		return key;
	}

	private Optional<StoredKey> first(String set, KeyAlgorithm algorithm, KeyState state) {
		return repository.find(set, algorithm, state).stream().findFirst();
	}

	/**
	 * Every change to a set runs here, in the order the class comment gives. Logs and events wait
	 * for the commit, so none tells of a change that was rolled back.
	 */
	private <T> T change(String setName, Function<LockedSet, T> change) {
		return change(() -> lock(setName), change);
	}

	private <T> T change(Supplier<KeySet> lock, Function<LockedSet, T> change) {
		List<Runnable> afterCommit = new ArrayList<>();
		T result = inTransaction(() -> {
			LockedSet locked = new LockedSet(lock.get(), afterCommit);
			T changed = change.apply(locked);
			if (locked.changed) {
				repository.bumpGeneration();
			}
			return changed;
		});
		ring.reload();
		afterCommit.forEach(Runnable::run);
		return result;
	}

	/** A set whose row this transaction holds, and what its change announces once committed. */
	private static final class LockedSet {

		private final KeySet set;

		private final List<Runnable> afterCommit;

		private boolean changed = true;

		private LockedSet(KeySet set, List<Runnable> afterCommit) {
			this.set = set;
			this.afterCommit = afterCommit;
		}

		KeySet set() {
			return set;
		}

		void afterCommit(Runnable announcement) {
			afterCommit.add(announcement);
		}

		/** Nothing was written: the generation stays, so other nodes do not reload for nothing. */
		void unchanged() {
			changed = false;
		}
	}

	private KeySet lock(String setName) {
		if (!repository.lockSet(setName)) {
			throw ApiProblemException.notFound("unknown-key-set", "No key set named '" + setName + "'");
		}
		return repository.findSet(setName).orElseThrow();
	}

	/** Logs and publishes each result that changed something, once the change has committed. */
	private void announce(LockedSet locked, List<RotationResult> results, String how) {
		for (RotationResult result : results) {
			if (result.outcome() != RotationResult.Outcome.UNCHANGED) {
				locked.afterCommit(() -> {
					log.info("Key rotation{}: {}", how, result);
					publish(result);
				});
			}
		}
	}

	private void publish(RotationResult result) {
		switch (result.outcome()) {
			case PROMOTED -> {
				publish("promoted", result.set(), result.activeKid());
				publish("retired", result.set(), result.retiredKid());
				if (result.nextKid() != null) { // none for secrets: the next one is imported
					publish("created", result.set(), result.nextKid());
				}
			}
			case PREPUBLISHED -> publish("created", result.set(), result.nextKid());
			case ACTIVATED -> publish("activated", result.set(), result.activeKid());
			case UNCHANGED -> {
			}
		}
	}

	private void publish(String action, String set, String kid) {
		try {
			events.accept(new KeyEvent(action, set, kid, origin));
		}
		catch (RuntimeException ex) {
			log.warn("Could not record key event {} {} {}: {}", action, set, kid, ex.toString());
		}
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}
}
