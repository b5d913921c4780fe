package dev.ticketbooth.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What the database keeps of an authorization code, access, refresh, ID, device or user code:
 * {@code sha256:} and the base64url SHA-256 of the value. The values are random (256+ bits) or
 * signed, so the hash is enough to find them again and useless to whoever reads a dump.
 */
public final class TokenHashes {

	static final String PREFIX = "sha256:";

	private TokenHashes() {
	}

	public static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** True for a stored hash: raw values are base64url or JWTs and never hold a colon. */
	public static boolean isHash(String value) {
		return value != null && value.startsWith(PREFIX);
	}
}
