package dev.ticketbooth.login;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per username and per client IP over a sliding window. In memory, per
 * node: with several nodes an attacker gets at most the limit per node.
 */
@Component
class LoginThrottle {

	/** Bounds memory under a spray of distinct usernames or addresses. */
	static final int MAX_TRACKED = 100_000;

	private static final java.time.Duration PRUNE_INTERVAL = java.time.Duration.ofMinutes(1);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private volatile Instant nextPrune = Instant.MIN;

	private final LoginProperties properties;

	private final Clock clock;

	LoginThrottle(LoginProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	boolean blocked(String username, String ip) {
		return recent(userKey(username)) >= properties.maxFailuresPerUser()
				|| recent(ipKey(ip)) >= properties.maxFailuresPerIp();
	}

	void failed(String username, String ip) {
		if (failures.size() >= MAX_TRACKED && !clock.instant().isBefore(nextPrune)) {
			prune();
			nextPrune = clock.instant().plus(PRUNE_INTERVAL); // a full map of live counters is not rescanned per request
		}
		record(userKey(username));
		record(ipKey(ip));
	}

	/**
	 * Drops only counters whose failures have all left the window. Clearing everything instead
	 * would let a spray of made-up usernames reset a real user's count.
	 */
	private void prune() {
		failures.keySet().removeIf(key -> recent(key) == 0);
	}

	int tracked() {
		return failures.size();
	}

	void succeeded(String username) {
		failures.remove(userKey(username));
	}

	private void record(String key) {
		if (failures.size() >= MAX_TRACKED && !failures.containsKey(key)) {
			return; // full of live counters: keep them rather than forget them
		}
		Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			times.addLast(clock.instant());
		}
	}

	private int recent(String key) {
		Deque<Instant> times = failures.get(key);
		if (times == null) {
			return 0;
		}
		Instant since = clock.instant().minus(properties.failureWindow());
		synchronized (times) {
			while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
				times.removeFirst();
			}
			return times.size();
		}
	}

	private static String userKey(String username) {
		return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
	}

	private static String ipKey(String ip) {
		return "i:" + ip;
	}
}
