package dev.ticketbooth.playback;

import java.util.List;

/**
 * The body of {@code POST /api/v1/playback-tokens}: partner id, username, optional video, ttl and
 * allow rules; {@code audiences} (Mux) and {@code downloadable} (Cloudflare) for the platforms that have them.
 */
public record PlaybackTokenRequest(String partner, String user, String video, Long ttl, Allow allow, List<String> audiences,
		Boolean downloadable) {

	public PlaybackTokenRequest(String partner, String user, String video, Long ttl, Allow allow) {
		this(partner, user, video, ttl, allow, null, null);
	}

	public record Allow(List<String> ips, List<String> origins, List<String> countries) {
	}
}
