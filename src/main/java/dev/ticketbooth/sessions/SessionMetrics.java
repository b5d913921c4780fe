package dev.ticketbooth.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code ticketbooth_sessions_started_total{partner, opened_by}},
 * {@code ticketbooth_sessions_refused_total{reason}}, {@code ticketbooth_sessions_kicked_total},
 * {@code ticketbooth_sessions_revocations_total} and {@code ticketbooth_sessions_live{partner}}
 * (cluster-wide, read from the store at most every 10 s per scrape).
 */
final class SessionMetrics {

	private static final Duration LIVE_REFRESH = Duration.ofSeconds(10);

	private final MeterRegistry meters;

	private final SessionStore store;

	private final Clock clock;

	private volatile Map<String, Long> live = Map.of();

	private volatile Instant liveReadAt = Instant.MIN;

	SessionMetrics(MeterRegistry meters, SessionStore store, Clock clock) {
		this.meters = meters;
		this.store = store;
		this.clock = clock;
	}

	void started(String partner, String openedBy, int kicked) {
		Counter.builder("ticketbooth.sessions.started").description("Viewer sessions started")
			.tag("partner", partner).tag("opened_by", openedBy).register(meters).increment();
		Gauge.builder("ticketbooth.sessions.live", this, metrics -> metrics.live(partner))
			.description("Live viewer sessions (cluster-wide)").tag("partner", partner).register(meters);
		kicked(kicked);
	}

	void refused(String reason) {
		Counter.builder("ticketbooth.sessions.refused").description("Session starts refused, by reason")
			.tag("reason", reason).register(meters).increment();
	}

	void kicked(int count) {
		if (count > 0) {
			Counter.builder("ticketbooth.sessions.kicked").description("Sessions ended to make room or by an operator")
				.register(meters).increment(count);
		}
	}

	void revoked() {
		Counter.builder("ticketbooth.sessions.revocations").description("Revocations of all of a user's tokens")
			.register(meters).increment();
	}

	private double live(String partner) {
		Instant now = Instant.now(clock);
		if (liveReadAt.plus(LIVE_REFRESH).isBefore(now) || liveReadAt.isAfter(now)) {
			try {
				live = store.liveByPartner(now);
			}
			catch (RuntimeException ex) {
				return Double.NaN; // a scrape never fails on the store
			}
			liveReadAt = now;
		}
		return live.getOrDefault(partner, 0L);
	}
}
