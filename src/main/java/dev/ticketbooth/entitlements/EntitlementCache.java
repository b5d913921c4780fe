package dev.ticketbooth.entitlements;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketbooth.users.EndUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * May-watch answers for decisions, kept for {@code ticketbooth.decisions.cache-ttl} (default 5 s).
 * Any change on this node clears it at once; a change made on another node is seen within the
 * TTL. An allow is never reused past the end of the grant that gave it, nor for a user the caller
 * has just read as disabled.
 */
@Component
public class EntitlementCache {

	private static final int MAX_ENTRIES = 100_000;

	private record Key(String userId, String videoId) {
	}

	private record Entry(Access access, Instant cachedAt) {
	}

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	private final Entitlements entitlements;

	private final Duration ttl;

	private final Clock clock;

	EntitlementCache(Entitlements entitlements, @Value("${ticketbooth.decisions.cache-ttl:5s}") Duration ttl, Clock clock) {
		this.entitlements = entitlements;
		this.ttl = ttl;
		this.clock = clock;
	}

	public Access mayWatch(EndUser user, String videoId, Instant at) {
		if (!user.enabled()) {
			// the caller read the user just now: a disabled user is never answered from the cache
			return entitlements.mayWatch(user, videoId, at);
		}
		Key key = new Key(user.id(), videoId);
		Entry entry = entries.get(key);
		Instant now = clock.instant();
		if (entry != null && entry.cachedAt().plus(ttl).isAfter(now) && !entry.cachedAt().isAfter(at)
				&& (entry.access().allowedUntil() == null || at.isBefore(entry.access().allowedUntil()))) {
			return entry.access();
		}
		Access access = entitlements.mayWatch(user, videoId, at);
		if (entries.size() >= MAX_ENTRIES) {
			entries.clear();
		}
		entries.put(key, new Entry(access, now));
		return access;
	}

	/**
	 * After the change commits (at once when there is no transaction): cleared any earlier, a
	 * decision made meanwhile would cache the old answer again for a whole TTL.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void onChange(EntitlementsChanged event) {
		entries.clear();
	}
}
