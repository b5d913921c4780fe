package dev.ticketbooth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for a redirect URI an operator registers, shared by Applicaster providers
 * ({@code login}) and OAuth clients ({@code oidc}) so that neither can drift into a weaker copy.
 * A URI must be absolute with an authority, without fragment, user info, dot segments,
 * percent-encoded separators or a script-like scheme; plain {@code http} is allowed only on a
 * loopback host, on any port (RFC 8252 §7.3). The URI is parsed, not matched by prefix: a prefix
 * check lets {@code http://localhost.evil.example/} or {@code http://localhost@evil.example/} pass
 * for loopback. At authorization the requested URI is then compared for exact equality.
 */
public final class RedirectUriRules {

	public static final int MAX_LENGTH = 2000;

	private static final List<String> FORBIDDEN_SCHEMES = List.of("javascript", "data", "vbscript", "file", "blob",
			"about", "filesystem");

	private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

	private RedirectUriRules() {
	}

	/** Checks a URI an operator registers; returns it unchanged or throws 400 {@code invalid-redirect-uri}. */
	public static String validateForRegistration(String uri) {
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

	/** 400 {@code invalid-redirect-uri} naming the URI and what is wrong with it. */
	public static ApiProblemException invalid(String uri, String why) {
		return ApiProblemException.badRequest("invalid-redirect-uri", "Redirect URI '" + uri + "' " + why);
	}

	private static boolean isLoopback(String host) {
		return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
	}
}
