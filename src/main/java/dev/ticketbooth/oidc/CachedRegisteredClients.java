package dev.ticketbooth.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registered clients remembered for {@code ttl} ({@code ticketbooth.decisions.cache-ttl}): the
 * JDBC repository parses a client's JSON settings on every read, and every token request reads
 * its client. A change made on another node (a deletion, a new secret) is seen here within
 * {@code ttl}; one made on this node at once, since every local write evicts. Unknown clients
 * are never remembered, so a client created anywhere works at once. Bounded: past
 * {@code capacity} entries the memory starts afresh.
 */
final class CachedRegisteredClients implements RegisteredClientRepository {

	private record Entry(RegisteredClient client, Instant loadedAt) {
	}

	private final RegisteredClientRepository store;

	private final Duration ttl;

	private final Clock clock;

	private final int capacity;

	private final Map<String, Entry> byId = new ConcurrentHashMap<>();

	private final Map<String, Entry> byClientId = new ConcurrentHashMap<>();

	/** Bumped by every eviction: a read that raced a write does not cache what it read. */
	private final AtomicLong writes = new AtomicLong();

	CachedRegisteredClients(RegisteredClientRepository store, Duration ttl, Clock clock, int capacity) {
		this.store = store;
		this.ttl = ttl;
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public void save(RegisteredClient client) {
		try {
			store.save(client);
		}
		finally {
			forget(client);
		}
	}

	@Override
	public RegisteredClient findById(String id) {
		return cached(byId, id, store::findById);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return cached(byClientId, clientId, store::findByClientId);
	}

	/**
	 * Forgets a client changed or deleted on this node without {@link #save}: now, and again
	 * when the surrounding transaction commits (a read in between still saw the old row).
	 */
	void forget(RegisteredClient client) {
		evict(client);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					evict(client);
				}
			});
		}
	}

	private void evict(RegisteredClient client) {
		writes.incrementAndGet();
		byId.remove(client.getId());
		byClientId.remove(client.getClientId());
	}

	private RegisteredClient cached(Map<String, Entry> cache, String key, Function<String, RegisteredClient> load) {
		if (key == null) {
			return load.apply(null);
		}
		Instant now = clock.instant();
		Entry entry = cache.get(key);
		// fresh only within [loadedAt, loadedAt + ttl): a clock set back must not keep an entry longer
		if (entry != null && !now.isBefore(entry.loadedAt()) && now.isBefore(entry.loadedAt().plus(ttl))) {
			return entry.client();
		}
		long before = writes.get();
		RegisteredClient client = load.apply(key);
		if (client == null) {
			cache.remove(key);
			return null;
		}
		if (cache.size() >= capacity) {
			cache.clear();
		}
		Entry loaded = new Entry(client, now);
		cache.put(key, loaded);
		if (writes.get() != before) {
			cache.remove(key, loaded); // a write came in while this read ran: what it read may be old
		}
		return client;
	}
}
