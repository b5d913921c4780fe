package dev.ticketbooth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES-256 key-encryption key (KEK) that wraps every private key and secret at rest.
 * Ciphertext layout: version byte 1, 12-byte nonce, AES-GCM ciphertext with tag. The caller's
 * context (e.g. the kid) is bound as associated data, so a ciphertext copied to another row
 * does not decrypt.
 */
public final class KeyEncryptionKey {

	private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);

	private static final byte VERSION = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	private final String source;

	private KeyEncryptionKey(byte[] key, String source) {
		this.key = new SecretKeySpec(key, "AES");
		this.source = source;
	}

	/** From base64 text (env {@code TICKETBOOTH_KEK}). */
	public static KeyEncryptionKey fromBase64(String base64, String source) {
		return new KeyEncryptionKey(decode(base64.trim(), source), source);
	}

	/**
	 * The KEK for a server: {@code configured} when set, else {@code keys/master.key} under the
	 * keys folder, created with mode 0600 on first start. An existing file is never rewritten.
	 */
	public static KeyEncryptionKey load(String configured, Path keysDirectory) {
		if (configured != null && !configured.isBlank()) {
			return fromBase64(configured, "TICKETBOOTH_KEK");
		}
		Path file = keysDirectory.resolve("master.key");
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return fromBase64(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
		}
		catch (IOException ex) {
			throw new KeyEncryptionKeyException("Cannot read or create the key-encryption key file " + file + ": " + ex,
					"Make " + keysDirectory + " writable by the server, or set TICKETBOOTH_KEK.", ex);
		}
	}

	/** A fresh random KEK in base64, e.g. for {@code TICKETBOOTH_KEK}. */
	public static String generateBase64() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static void create(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (FileAlreadyExistsException ex) {
			return; // another process created it first; read theirs
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		Files.writeString(file, generateBase64() + "\n", StandardCharsets.US_ASCII);
		log.info("Created a new key-encryption key at {} (mode 0600). Back it up: without it the stored keys cannot be read.", file);
	}

	private static byte[] decode(String base64, String source) {
		byte[] bytes;
		try {
			bytes = base64.contains("-") || base64.contains("_") ? Base64.getUrlDecoder().decode(base64)
					: Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new KeyEncryptionKeyException("The key-encryption key from " + source + " is not valid base64.",
					"Give 32 random bytes in base64, e.g. the output of 'openssl rand -base64 32'.");
		}
		if (bytes.length != 32) {
			throw new KeyEncryptionKeyException("The key-encryption key from " + source + " is " + bytes.length
					+ " bytes long; AES-256 needs exactly 32.", "Give 32 random bytes in base64, e.g. the output of 'openssl rand -base64 32'.");
		}
		return bytes;
	}

	public String source() {
		return source;
	}

	public byte[] encrypt(byte[] plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
			out[0] = VERSION;
			System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed for " + context, ex);
		}
	}

	/**
	 * @throws KeyEncryptionKeyException when the ciphertext was not made under this KEK and
	 *     context (wrong KEK, or tampered data)
	 */
	public byte[] decrypt(byte[] ciphertext, String context) {
		if (ciphertext.length < 1 + NONCE_BYTES + TAG_BITS / 8 || ciphertext[0] != VERSION) {
			throw new KeyEncryptionKeyException("The stored ciphertext for " + context + " is malformed.",
					"Restore the database row from a backup.");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(Arrays.copyOfRange(ciphertext, 1 + NONCE_BYTES, ciphertext.length));
		}
		catch (AEADBadTagException ex) {
			throw new KeyEncryptionKeyException("The key-encryption key from " + source
					+ " does not decrypt " + context + ": it is not the key the stored keys were encrypted with.",
					"Set TICKETBOOTH_KEK (or restore keys/master.key) to the key-encryption key this database was "
							+ "created with. Nothing was changed in the database.", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed for " + context, ex);
		}
	}

	/**
	 * A key for one purpose, derived from the KEK (HMAC-SHA256 of the purpose), so that e.g. secret
	 * hashes move with the KEK but never reveal or reuse it.
	 */
	public byte[] derive(String purpose) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(("ticketbooth:" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

	public String encryptToBase64(byte[] plaintext, String context) {
		return Base64.getEncoder().encodeToString(encrypt(plaintext, context));
	}

	public byte[] decryptFromBase64(String ciphertext, String context) {
		return decrypt(Base64.getDecoder().decode(ciphertext), context);
	}
}
