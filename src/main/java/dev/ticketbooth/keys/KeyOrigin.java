package dev.ticketbooth.keys;

/** Whether the server generated a key or an operator imported it from PEM. */
public enum KeyOrigin {
	GENERATED, IMPORTED
}
