package dev.ticketbooth.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Partners by id, as read within the last {@code ticketbooth.playback.partner-cache-ttl} (5 s):
 * every mint and every decision names a partner, and reading and parsing its row each time was a
 * measurable share of their cost. A change made on this node is forgotten here at once; one made on
 * another node shows within the TTL. Only partners that exist are remembered, so made-up ids
 * cannot fill the memory; past {@value #MAX_ENTRIES} entries it starts over.
 */
@Component
class PartnerCache {

	static final int MAX_ENTRIES = 10_000;

	private record Entry(Partner partner, Instant readAt) {
	}

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration ttl;

	PartnerCache(Clock clock, @Value("${ticketbooth.playback.partner-cache-ttl:5s}") Duration ttl) {
		this.clock = clock;
		this.ttl = ttl;
	}

	/** The partner as remembered, or as {@code load} reads it now (and then remembered, if it exists). */
	Optional<Partner> get(String id, Function<String, Optional<Partner>> load) {
		Instant now = clock.instant();
		Entry cached = entries.get(id);
		if (cached != null && now.isBefore(cached.readAt().plus(ttl)) && !now.isBefore(cached.readAt())) {
			return Optional.of(cached.partner());
		}
		Optional<Partner> partner = load.apply(id);
		if (partner.isPresent()) {
			if (entries.size() >= MAX_ENTRIES) {
				entries.clear();
			}
			entries.put(id, new Entry(partner.get(), now));
		}
		else {
			entries.remove(id);
		}
		return partner;
	}

	/** After a change on this node, so that the next read sees it. */
	void forget(String id) {
		entries.remove(id);
	}
}
