package dev.ticketbooth.decisions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketbooth.keys.JwsVerifier;
import dev.ticketbooth.keys.KeyRing;

import org.springframework.stereotype.Component;

/**
 * Playback tokens whose signature {@link JwsVerifier} accepted, remembered while the key ring is
 * unchanged: a player, a CDN edge or Kinescope asks about the same token many times, and the
 * signature check with its two JSON parses was a third of a decision's CPU. Any change to the
 * ring (a key revoked, retired or imported) moves its generation and empties this cache, so a
 * revoked key stops its tokens at once. Only acceptances are kept, by the whole token: a token
 * differing by one character is verified afresh. Time checks ({@code exp}, {@code nbf}) and the
 * partner's rules are not cached; the caller makes them on every decision.
 */
@Component
class VerifiedSignatures {

	/** Tokens are at most a few kilobytes ({@code ticketbooth.decisions.max-token-length}). */
	static final int CAPACITY = 4_096;

	private record Entry(String token, String keySet) {
	}

	/** An acceptance, and the ring generation it was made under: it counts under that one only. */
	private record Accepted(long generation, JwsVerifier.Verified verified) {
	}

	private final JwsVerifier jws;

	private final KeyRing ring;

	private final Map<Entry, Accepted> accepted = new ConcurrentHashMap<>();

	private volatile long generation = Long.MIN_VALUE;

	VerifiedSignatures(JwsVerifier jws, KeyRing ring) {
		this.jws = jws;
		this.ring = ring;
	}

	JwsVerifier.Verified verify(String token, String keySet) {
		long current = ring.generation();
		if (current != generation) {
			accepted.clear();
			generation = current;
		}
		Entry entry = new Entry(token, keySet);
		Accepted known = accepted.get(entry);
		if (known != null && known.generation() == current) {
			return known.verified();
		}
		// verified against the ring as it is now, which is generation `current` or a later one:
		// stamped `current`, it can only be used while that is still the ring's generation
		JwsVerifier.Verified verified = jws.verify(token, keySet);
		if (verified.valid()) {
			if (accepted.size() >= CAPACITY) {
				accepted.clear();
			}
			accepted.put(entry, new Accepted(current, verified));
		}
		return verified;
	}
}
