package dev.ticketbooth.keys;

import java.time.Instant;
import java.util.List;

/**
 * A named group of keys rotated together. The {@code default} set and every set marked
 * {@code published} are in the JWKS and rotated on schedule; the others serve partners that were
 * given a public key by hand (e.g. Vidbeo's uploaded PEM).
 */
public record KeySet(String name, List<KeyAlgorithm> algorithms, boolean published, Instant createdAt) {

	public static final String DEFAULT = "default";

	public KeySet {
		algorithms = List.copyOf(algorithms);
	}
}
