package dev.ticketbooth.keys;

/** Where a key is in its life. Everything but REVOKED is published in the JWKS of a published set. */
public enum KeyState {

	/** Published ahead of use; does not sign yet. */
	NEXT,
	/** Signs new tokens; one per set and algorithm. */
	ACTIVE,
	/** Verifies tokens it signed until retention ends; then removed. */
	RETIRED,
	/** Withdrawn at once and never trusted again. */
	REVOKED;

	public boolean published() {
		return this != REVOKED;
	}
}
