package dev.ticketbooth.partners;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.ticketbooth.config.ApiProblemException;

/**
 * A CDN partner's {@code origin}: an http(s) URL template with one {@code {video}} in its path. Ending
 * in {@code /} it names a folder (a wildcard policy or a directory token covers everything under it,
 * as HLS needs for its playlists and segments); otherwise one file.
 *
 * @param template the checked template
 * @param base {@code scheme://host[:port]}
 * @param pathTemplate the path, from its first {@code /}, still holding {@code {video}}
 */
record CdnOrigin(String template, String base, String pathTemplate) {

	/** The partner field (and setting) naming the origin. */
	static final String FIELD = PartnerRequest.ORIGIN;

	static final String VIDEO = "{video}";

	/**
	 * Scheme, host and a path of letters, digits and {@code . _ - /}: no query or fragment (a
	 * signature covers the URL as we write it), no wildcard (ours are added where the CDN wants
	 * them), nothing that needs escaping in a URL, in JSON or in a token's {@code ~}-separated fields.
	 */
	private static final Pattern TEMPLATE = Pattern
		.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._/{}-]*");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	/** The origin in {@code value}, or 400 {@code invalid-settings} saying what a CDN origin is. */
	static CdnOrigin parse(String value, String platform) {
		if (value == null || value.length() > 1000 || !TEMPLATE.matcher(value).matches() || value.indexOf(VIDEO) < 0
				|| value.indexOf(VIDEO) != value.lastIndexOf(VIDEO) || value.replace(VIDEO, "").matches(".*[{}].*")) {
			throw ApiProblemException.badRequest("invalid-settings", platform + " partners need " + FIELD
					+ ": an http(s) URL with one {video} in its path and no query, ending in / for a folder "
					+ "(e.g. https://d111111abcdef8.cloudfront.net/videos/{video}/)");
		}
		int path = value.indexOf('/', value.indexOf("//") + 2);
		if (value.indexOf(VIDEO) < path) {
			throw ApiProblemException.badRequest("invalid-settings", FIELD + ": {video} belongs in the path, not the host");
		}
		return new CdnOrigin(value, value.substring(0, path), value.substring(path));
	}

	/** A folder (a trailing {@code /}): everything under it is covered, as HLS needs. */
	boolean folder() {
		return template.endsWith("/");
	}

	/** The path for one video, whose id is already encoded for a path segment. */
	String path(String encodedVideo) {
		return pathTemplate.replace(VIDEO, encodedVideo);
	}

	/** The URL for one video, whose id is already encoded for a path segment. */
	String url(String encodedVideo) {
		return base + path(encodedVideo);
	}

	/**
	 * A video id as one path segment: every byte but RFC 3986's unreserved letters, digits and
	 * {@code - . _ ~} percent-encoded (upper-case hex), so an id never adds a segment, a query or a
	 * wildcard.
	 */
	static String encode(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
		}
		return out.toString();
	}
}
