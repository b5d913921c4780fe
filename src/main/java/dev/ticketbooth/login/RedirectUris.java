package dev.ticketbooth.login;

import java.util.List;

/**
 * Redirect URIs at authorization. Registration is checked by
 * {@link dev.ticketbooth.config.RedirectUriRules}; here the requested URI must equal a registered
 * one character for character: no normalisation, no case folding, no prefix match, so every trick
 * (trailing slash, {@code ..;/}, double encoding, {@code @}) is simply not equal.
 */
final class RedirectUris {

	private RedirectUris() {
	}

	/** The exact registered URI the request names, or null. */
	static String match(String requested, List<String> registered) {
		if (requested == null) {
			return null;
		}
		for (String candidate : registered) {
			if (constantTimeEquals(candidate, requested)) {
				return candidate;
			}
		}
		return null;
	}

	/** The redirect with {@code token} added to the query; other parameters and any fragment kept. */
	static String withToken(String redirectUri, String token) {
		int hash = redirectUri.indexOf('#');
		String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
		String fragment = hash < 0 ? "" : redirectUri.substring(hash);
		String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
		return base + separator + "token=" + token + fragment; // a JWT is base64url and dots: nothing to encode
	}

	private static boolean constantTimeEquals(String a, String b) {
		return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}
}
