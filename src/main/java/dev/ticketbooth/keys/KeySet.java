package dev.ticketbooth.keys;

import java.time.Instant;
import java.util.List;

/**
 * A named group of keys rotated together. The {@code default} set and every set marked
 * {@code published} are in the JWKS and rotated on schedule; the others serve partners that were
 * given a public key by hand (e.g. Vidbeo's uploaded PEM).
 *
 * @param vendorKeyIds a partner of a platform that knows our keys only by the id it assigned
 *     (Vidbeo's {@code keyid}) uses the set: it is not rotated while its NEXT key has no
 *     {@code partner_key_id}, unless forced. Once set, it stays set.
 */
public record KeySet(String name, List<KeyAlgorithm> algorithms, boolean published, Instant createdAt,
		boolean vendorKeyIds) {

	public static final String DEFAULT = "default";

	public KeySet {
		algorithms = List.copyOf(algorithms);
	}

	public KeySet(String name, List<KeyAlgorithm> algorithms, boolean published, Instant createdAt) {
		this(name, algorithms, published, createdAt, false);
	}

	/**
	 * Whether the schedule promotes this set's NEXT key when the ACTIVE key has served its period:
	 * published sets only. An unpublished set's partner holds an uploaded copy of the public key,
	 * so only an operator may switch it.
	 */
	public boolean rotatesOnSchedule() {
		return published;
	}
}
