package dev.ticketbooth.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;

/**
 * Redirect URI rules. At registration a URI must be absolute, without fragment, user info, dot
 * segments, percent-encoded separators or a script-like scheme. At authorization the requested
 * URI must equal a registered one character for character: no normalisation, no case folding,
 * no prefix match, so every trick (trailing slash, {@code ..;/}, double encoding, {@code @}) is
 * simply not equal.
 */
final class RedirectUris {

	static final int MAX_LENGTH = 2000;

	private static final List<String> FORBIDDEN_SCHEMES = List.of("javascript", "data", "vbscript", "file", "blob",
			"about", "filesystem");

	private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

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

	/** Checks a URI an operator registers; returns it unchanged. */
	static String validateForRegistration(String uri) {
		if (uri == null || uri.isBlank() || uri.length() > MAX_LENGTH) {
			throw invalid(uri, "must be 1-" + MAX_LENGTH + " characters");
		}
		if (!uri.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw invalid(uri, "must be printable ASCII without spaces");
		}
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (URISyntaxException ex) {
			throw invalid(uri, "is not a valid URI");
		}
		String scheme = parsed.getScheme();
		if (scheme == null || !SCHEME.matcher(scheme).matches()) {
			throw invalid(uri, "must be absolute with a lower-case scheme (https://..., myapp://...)");
		}
		if (FORBIDDEN_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
			throw invalid(uri, "uses a scheme that cannot be a redirect target");
		}
		if (parsed.isOpaque() || parsed.getRawAuthority() == null) {
			throw invalid(uri, "must have an authority (scheme://host/...)");
		}
		if (uri.contains("#")) {
			throw invalid(uri, "must not have a fragment");
		}
		if (uri.contains("@") || parsed.getRawUserInfo() != null) {
			throw invalid(uri, "must not contain user info or '@'");
		}
		if (uri.contains("\\") || uri.contains("%2e") || uri.contains("%2E") || uri.contains("%2f")
				|| uri.contains("%2F") || uri.contains("%5c") || uri.contains("%5C") || uri.contains("%25")) {
			throw invalid(uri, "must not contain backslashes or encoded separators");
		}
		String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
		for (String segment : path.split("[/;]", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				throw invalid(uri, "must not contain dot segments");
			}
		}
		if (scheme.equals("http") && !isLoopback(parsed.getHost())) {
			throw invalid(uri, "must use https (plain http only for loopback addresses): the token travels in it");
		}
		return uri;
	}

	/** The redirect with {@code token} added to the query; other parameters and any fragment kept. */
	static String withToken(String redirectUri, String token) {
		int hash = redirectUri.indexOf('#');
		String base = hash < 0 ? redirectUri : redirectUri.substring(0, hash);
		String fragment = hash < 0 ? "" : redirectUri.substring(hash);
		String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
		return base + separator + "token=" + token + fragment; // a JWT is base64url and dots: nothing to encode
	}

	private static boolean isLoopback(String host) {
		return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
	}

	private static boolean constantTimeEquals(String a, String b) {
		return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static ApiProblemException invalid(String uri, String why) {
		return ApiProblemException.badRequest("invalid-redirect-uri", "Redirect URI '" + uri + "' " + why);
	}
}
