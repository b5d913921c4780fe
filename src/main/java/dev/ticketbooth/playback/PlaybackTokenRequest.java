package dev.ticketbooth.playback;

import java.util.List;

/** The body of {@code POST /api/v1/playback-tokens}: partner id, username, optional video, ttl and allow rules. */
public record PlaybackTokenRequest(String partner, String user, String video, Long ttl, Allow allow) {

	public record Allow(List<String> ips, List<String> origins, List<String> countries) {
	}
}
