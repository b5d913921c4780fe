package dev.ticketbooth.playback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketbooth.entitlements.EntitlementsChanged;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUserLockedOut;
import dev.ticketbooth.users.EndUserTokensRevoked;
import dev.ticketbooth.users.EndUsers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The viewers tokens are minted for, by username, reused for {@code ticketbooth.decisions.cache-ttl}
 * as the may-watch answer minting relies on is: a back end mints for the same viewer again and
 * again, and reading the row was a tenth of a mint. Any change to users, roles or grants on this
 * node forgets them all at once; a viewer disabled or revoked on another node may still be minted
 * for within the period, as a grant revoked there may (docs/decisions.md). Unknown usernames are
 * not remembered. Decisions never use this: they read the user on every call.
 */
@Component
class RecentViewers {

	private static final int CAPACITY = 10_000;

	private record Entry(EndUser user, Instant until) {
	}

	private final EndUsers users;

	private final Clock clock;

	private final Duration ttl;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	RecentViewers(EndUsers users, Clock clock, @Value("${ticketbooth.decisions.cache-ttl:5s}") Duration ttl) {
		this.users = users;
		this.clock = clock;
		this.ttl = ttl;
	}

	Optional<EndUser> findByUsername(String username) {
		Instant now = clock.instant();
		Entry entry = entries.get(username);
		if (entry != null && now.isBefore(entry.until()) && !now.isBefore(entry.until().minus(ttl))) {
			return Optional.of(entry.user());
		}
		Optional<EndUser> user = users.findByUsername(username);
		if (user.isPresent()) {
			if (entries.size() >= CAPACITY) {
				entries.clear();
			}
			entries.put(username, new Entry(user.get(), now.plus(ttl)));
		}
		else {
			entries.remove(username);
		}
		return user;
	}

	/** After the change commits, so that a mint meanwhile cannot remember the old row for a whole period. */
	@TransactionalEventListener(fallbackExecution = true)
	void onChange(EntitlementsChanged event) {
		entries.clear();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onLockedOut(EndUserLockedOut event) {
		entries.clear();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onTokensRevoked(EndUserTokensRevoked event) {
		entries.clear();
	}
}
