package dev.ticketbooth.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * {@code ticketbooth.keys.age} (seconds since each key was created, by set, algorithm and
 * state), refreshed with the ring; an operator alerts when an ACTIVE key grows older than the
 * rotation period.
 */
@Component
public class KeyMetrics {

	private final KeyRing ring;

	private final Clock clock;

	private final MultiGauge ages;

	KeyMetrics(KeyRing ring, MeterRegistry meters, Clock clock) {
		this.ring = ring;
		this.clock = clock;
		this.ages = MultiGauge.builder("ticketbooth.keys.age").description("Age of each key in the ring")
			.baseUnit("seconds").register(meters);
		update();
	}

	public void update() {
		List<MultiGauge.Row<?>> rows = ring.keys().stream()
			.filter(k -> k.state() != KeyState.REVOKED)
			.map(k -> MultiGauge.Row.of(Tags.of("set", k.keySet(), "algorithm", k.algorithm().name(), "state",
					k.state().name(), "kid", k.kid()), Duration.between(k.createdAt(), clock.instant()).toSeconds()))
			.<MultiGauge.Row<?>>map(row -> row)
			.toList();
		ages.register(rows, true);
	}
}
