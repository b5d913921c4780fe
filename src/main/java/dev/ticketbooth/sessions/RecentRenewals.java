package dev.ticketbooth.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions this node renewed for a decision in the last decisions cache period
 * ({@code ticketbooth.decisions.cache-ttl}): another decision about the same viewer and token
 * within it is admitted without writing the store again, as the may-watch answer is reused for
 * that long. A session's expiry (90 s by default) therefore lags by at most that period, and a
 * session kicked or ended on another node stops admitting this node's decisions within it, as
 * any change made on another node does; this node's own ends and kicks forget everything at once.
 */
final class RecentRenewals {

	private static final int CAPACITY = 10_000;

	private final Duration window;

	private final Map<String, Instant> renewedAt = new ConcurrentHashMap<>();

	RecentRenewals(Duration window) {
		this.window = window;
	}

	boolean fresh(String userId, String token, Instant now) {
		Instant at = renewedAt.get(key(userId, token));
		return at != null && !now.isBefore(at) && now.isBefore(at.plus(window));
	}

	void renewed(String userId, String token, Instant now) {
		if (renewedAt.size() >= CAPACITY) {
			renewedAt.clear();
		}
		renewedAt.put(key(userId, token), now);
	}

	void forgetAll() {
		renewedAt.clear();
	}

	private static String key(String userId, String token) {
		return userId + '\n' + token;
	}
}
