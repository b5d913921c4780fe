package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Hashes for machine secrets we generate or receive (callback passwords, client secrets): a
 * keyed fast hash (HMAC-SHA256 under a KEK-derived key) instead of a slow password hash, because
 * such secrets carry enough entropy themselves and are checked on every call. Compared in
 * constant time.
 */
@Component
public class SecretHashes {

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	public SecretHashes(KeyEncryptionKey kek) {
		this.key = new SecretKeySpec(kek.derive("machine-secret-hash-v1"), "HmacSHA256");
	}

	public String hash(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return "hmac1$" + Base64.getEncoder().withoutPadding()
				.encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

	/** Constant time in the secret; a null stored hash still costs one HMAC and never matches. */
	public boolean matches(String secret, String storedHash) {
		String computed = hash(secret == null ? "" : secret);
		String expected = storedHash == null ? "hmac1$" + "x".repeat(43) : storedHash;
		boolean equal = MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
				expected.getBytes(StandardCharsets.US_ASCII));
		return equal && storedHash != null && secret != null;
	}

	/** 256 random bits, base64url: the kind of secret these hashes are for. */
	public static String generate() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
