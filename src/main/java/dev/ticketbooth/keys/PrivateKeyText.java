package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

import dev.ticketbooth.keys.PemCodec.PemException;

/**
 * A private key as an operator pastes it into an import: PEM, a private JWK (JSON), or either of
 * them base64-encoded once, which is how vendors hand over the keys they generate — Mux's
 * {@code private_key} is base64 of a PEM, Cloudflare Stream's {@code /stream/keys} answers
 * {@code pem} (base64 of a PEM) and {@code jwk} (base64 of a private JWK). Each value is accepted
 * as the vendor gives it.
 */
public final class PrivateKeyText {

	private PrivateKeyText() {
	}

	/** The key pair in {@code text}; {@code password} opens an encrypted PEM and is ignored otherwise. */
	public static KeyPair readKeyPair(String text, char[] password) {
		if (text == null || text.isBlank() || text.contains("-----BEGIN")) {
			return PemCodec.readKeyPair(text, password); // its own errors for no text and for broken PEM
		}
		if (text.length() > PemCodec.MAX_PEM_CHARS) {
			throw new PemException("malformed-pem", "The key is longer than " + PemCodec.MAX_PEM_CHARS + " characters");
		}
		if (text.strip().startsWith("{")) {
			return JwkCodec.readKeyPair(text);
		}
		String decoded = base64(text);
		if (decoded != null && decoded.contains("-----BEGIN")) {
			return PemCodec.readKeyPair(decoded, password);
		}
		if (decoded != null && decoded.strip().startsWith("{")) {
			return JwkCodec.readKeyPair(decoded);
		}
		throw new PemException("malformed-pem", "Expected a private key as PEM, as a private JWK, or either of them "
				+ "base64-encoded (as Mux and Cloudflare Stream hand them over)");
	}

	/** Standard or URL-safe alphabet, padded or not, across lines; null when it is not base64. */
	private static String base64(String text) {
		String compact = text.replaceAll("\\s", "");
		try {
			byte[] bytes = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(compact)
					: Base64.getDecoder().decode(compact);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
