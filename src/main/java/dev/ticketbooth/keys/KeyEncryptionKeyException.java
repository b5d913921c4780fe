package dev.ticketbooth.keys;

/**
 * The key-encryption key is missing, malformed, or not the one the stored keys were encrypted
 * with. Start-up stops with this; no stored key is changed.
 */
public class KeyEncryptionKeyException extends RuntimeException {

	private final String action;

	public KeyEncryptionKeyException(String message, String action) {
		super(message);
		this.action = action;
	}

	public KeyEncryptionKeyException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	public String action() {
		return action;
	}
}
