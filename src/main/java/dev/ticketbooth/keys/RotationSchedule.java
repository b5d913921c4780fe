package dev.ticketbooth.keys;

import java.time.Duration;
import java.time.Instant;

/**
 * When keys change hands. The schedule that promotes, the refusal of an early rotation, the
 * health check and the console's timeline must name the same instants, so the rules live here
 * once.
 *
 * @param rotationPeriod how long a key serves as ACTIVE
 * @param prepublish how long a NEXT key is published before it may sign
 */
public record RotationSchedule(Duration rotationPeriod, Duration prepublish) {

	public static RotationSchedule of(KeyProperties properties) {
		return new RotationSchedule(properties.rotationPeriod(), properties.prepublish());
	}

	/**
	 * When an ACTIVE key has served its period. A key with no recorded activation counts from its
	 * creation, so it is rotated rather than kept for ever.
	 */
	public Instant rotationDueAt(Instant activatedAt, Instant createdAt) {
		return (activatedAt != null ? activatedAt : createdAt).plus(rotationPeriod);
	}

	/** When a NEXT key may sign: every verifier cache has had the lead time to fetch it. */
	public Instant promotableAt(Instant nextCreatedAt) {
		return nextCreatedAt.plus(prepublish);
	}

	public boolean promotable(Instant nextCreatedAt, Instant now) {
		return !promotableAt(nextCreatedAt).isAfter(now);
	}

	/** The schedule promotes only when both hold: the ACTIVE key has served and NEXT may sign. */
	boolean rotationDue(StoredKey active, StoredKey next, Instant now) {
		return !rotationDueAt(active.activatedAt(), active.createdAt()).isAfter(now)
				&& promotable(next.createdAt(), now);
	}
}
