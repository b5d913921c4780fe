package dev.ticketbooth.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where viewer sessions, device slots and used single-use tokens live: the database
 * ({@link JdbcSessionStore}) or Redis ({@code RedisSessionStore}). Every method that checks a
 * limit and writes does both atomically for the whole cluster.
 */
interface SessionStore {

	/**
	 * What a session start (or a decision) asks for, all checked at once.
	 *
	 * @param singleUseKey the hash of the token's {@code jti} when the partner takes each token once, else null
	 * @param usedUntil how long that key is kept (the token's {@code exp} plus leeway)
	 * @param open whether to open (or renew) a session; false: only the single-use check
	 * @param renewSameToken renew the user's live session for this token instead of opening another (decisions)
	 * @param streamLimit live sessions the user may hold, null for no limit
	 * @param maxDevices devices the user may hold, null for no limit
	 * @param device the player's device id, or null
	 */
	record Opening(String idHash, String userId, String partnerId, String tokenHash, String video, String device,
			String openedBy, String singleUseKey, Instant usedUntil, boolean open, boolean renewSameToken,
			Integer streamLimit, boolean kickOldest, Integer maxDevices, Duration deviceSlotCooldown, Instant now,
			Instant expiresAt) {
	}

	/**
	 * @param refusal null when admitted, else {@code token-already-used}, {@code stream-limit} or {@code device-limit}
	 * @param kicked how many older sessions were ended to make room
	 */
	record Outcome(String refusal, int kicked) {

		static final Outcome ADMITTED = new Outcome(null, 0);
	}

	/** A heartbeat's answer: live (with the new expiry), ended (with why), or unknown. */
	record Beat(Instant expiresAt, String endReason) {

		static final Beat UNKNOWN = new Beat(null, null);
	}


	/** A device slot: taken while not removed, and until {@code removedAt} + the cooldown after. */
	record Device(String device, Instant firstSeen, Instant lastSeen, Instant removedAt) {
	}

	Outcome open(Opening opening);

	Beat heartbeat(String idHash, Instant now, Instant expiresAt);

	/** Ends a live session for {@code reason}; false when there was none. */
	boolean end(String idHash, String reason, Instant now);

	/** Ends every live session of the user for {@code reason}; how many. */
	int endAll(String userId, String reason, Instant now);

	List<LiveSession> live(String userId, Instant now);

	/** The partner a session (live or remembered) was opened for. */
	java.util.Optional<String> partnerOf(String idHash);

	/** The user's devices, removed ones included until clean-up forgets them. */
	List<Device> devices(String userId);

	/** Marks a device removed (its slot frees after the cooldown); false when it held none. */
	boolean removeDevice(String userId, String device, Instant now);

	/** Live sessions per partner. */
	Map<String, Long> liveByPartner(Instant now);

	/** Forgets ended sessions past {@code endedRetention}, and used tokens past their expiry. */
	void cleanUp(Instant now, Duration endedRetention, Duration longestCooldown);
}
