package dev.ticketbooth.keys;

/** A set has no ACTIVE key for an algorithm (it does not exist, or the algorithm is not in it). */
public class NoActiveKeyException extends RuntimeException {

	public NoActiveKeyException(String set, KeyAlgorithm algorithm) {
		super("Key set '" + set + "' has no ACTIVE " + algorithm + " key");
	}
}
