package dev.ticketbooth.sessions;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ticketbooth.sessions.*}.
 *
 * @param store where sessions, device slots and used single-use tokens live: {@code database}
 *     (the server's own, H2 or PostgreSQL) or {@code redis} ({@code spring.data.redis.*})
 * @param timeout a session not heartbeated for this long ends by itself ({@code expired})
 * @param heartbeat how often players are told to heartbeat (well inside the timeout)
 * @param endedRetention how long an ended session is remembered, so a late heartbeat learns why it ended
 * @param cleanupInterval how often one node removes what is past its retention (database store)
 */
@Validated
@ConfigurationProperties("ticketbooth.sessions")
public record SessionProperties(@NotNull @Pattern(regexp = "database|redis") @DefaultValue("database") String store,
		@NotNull @DefaultValue("90s") Duration timeout, @NotNull @DefaultValue("30s") Duration heartbeat,
		@NotNull @DefaultValue("24h") Duration endedRetention, @NotNull @DefaultValue("5m") Duration cleanupInterval) {

	@AssertTrue(message = "ticketbooth.sessions.heartbeat must be at least 1 s and shorter than the timeout")
	boolean isHeartbeatInsideTimeout() {
		return heartbeat == null || timeout == null
				|| (heartbeat.toSeconds() >= 1 && heartbeat.compareTo(timeout) < 0);
	}
}
