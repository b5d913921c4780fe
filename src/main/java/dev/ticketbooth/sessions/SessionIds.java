package dev.ticketbooth.sessions;

import java.security.SecureRandom;
import java.util.Base64;

import dev.ticketbooth.oidc.TokenHashes;

/**
 * Session ids: 128 bits from {@link SecureRandom}, base64url (22 characters). The id is the only
 * credential a heartbeat needs, so only its SHA-256 is stored ({@code sha256:...}, as OAuth
 * tokens are); that hash is also the handle operators see and kick by.
 */
final class SessionIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	static final int ID_LENGTH = 22;

	private SessionIds() {
	}

	static String generate() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String id) {
		return TokenHashes.hash(id);
	}

	/** Whether the text could be a session id at all (anything else is unknown without a look-up). */
	static boolean wellFormed(String id) {
		return id != null && id.length() == ID_LENGTH && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
	}

	/** A handle operators got from a listing ({@code sha256:...}), or a session id to hash. */
	static String handle(String idOrHandle) {
		return TokenHashes.isHash(idOrHandle) ? idOrHandle : hash(idOrHandle);
	}
}
