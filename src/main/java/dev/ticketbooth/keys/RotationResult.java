package dev.ticketbooth.keys;

import java.time.Instant;

/**
 * What one rotation step did to a set and algorithm.
 *
 * @param outcome PROMOTED (NEXT became ACTIVE), PREPUBLISHED (a NEXT key was published),
 *     ACTIVATED (a set without an ACTIVE key got one), UNCHANGED
 */
public record RotationResult(String set, KeyAlgorithm algorithm, Outcome outcome, String activeKid, String nextKid,
		String retiredKid, Instant nextPromotableAt) {

	public enum Outcome {
		PROMOTED, PREPUBLISHED, ACTIVATED, UNCHANGED
	}
}
