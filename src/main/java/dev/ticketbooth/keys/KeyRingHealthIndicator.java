package dev.ticketbooth.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code keyRing} in {@code /actuator/health}: DOWN unless every set has an ACTIVE key per
 * algorithm, every published set a NEXT key that will have been published for the lead time by
 * the time rotation is due, and no RETIRED key is kept past its retention. A due rotation the
 * schedule skips because the NEXT key has no partner key id is listed under {@code waiting}.
 */
@Component
class KeyRingHealthIndicator implements HealthIndicator {

	private final KeyRing ring;

	private final KeyRotation rotation;

	private final KeyProperties properties;

	private final RotationSchedule schedule;

	private final Clock clock;

	KeyRingHealthIndicator(KeyRing ring, KeyRotation rotation, KeyProperties properties, Clock clock) {
		this.ring = ring;
		this.rotation = rotation;
		this.properties = properties;
		this.schedule = RotationSchedule.of(properties);
		this.clock = clock;
	}

	@Override
	public Health health() {
		ring.refreshIfChanged();
		Instant now = clock.instant();
		List<String> problems = new ArrayList<>();
		List<String> waiting = new ArrayList<>();
		for (KeySet set : rotation.sets()) {
			for (KeyAlgorithm algorithm : set.algorithms()) {
				List<RingKey> keys = ring.keys().stream()
					.filter(k -> k.keySet().equals(set.name()) && k.algorithm() == algorithm).toList();
				RingKey active = keys.stream().filter(k -> k.state() == KeyState.ACTIVE).findFirst().orElse(null);
				RingKey next = keys.stream().filter(k -> k.state() == KeyState.NEXT).findFirst().orElse(null);
				String where = set.name() + "/" + algorithm;
				if (active == null && algorithm.symmetric()) {
					// not a fault of ours: the CDN's secret is imported by the operator, never generated
					waiting.add(where + ": no ACTIVE secret yet; import the CDN's key");
				}
				else if (active == null) {
					problems.add(where + ": no ACTIVE key");
				}
				if (set.published()) {
					if (next == null) {
						problems.add(where + ": no NEXT key published");
					}
					else if (active != null) {
						Instant due = schedule.rotationDueAt(active.activatedAt(), active.createdAt());
						if (due.isBefore(schedule.promotableAt(next.createdAt()))) {
							problems.add(where + ": NEXT key " + next.kid() + " will not be published long enough before "
									+ "rotation is due at " + due);
						}
						if (set.vendorKeyIds() && next.partnerKeyId() == null && !now.isBefore(due)) {
							waiting.add(where + ": rotation due since " + due + " waits for the partner key id of NEXT key "
									+ next.kid());
						}
					}
				}
				keys.stream().filter(k -> k.state() == KeyState.RETIRED && k.removalAt(properties.retention()) != null
						&& k.removalAt(properties.retention()).plus(properties.checkInterval().multipliedBy(2)).isBefore(now))
					.forEach(k -> problems.add(where + ": RETIRED key " + k.kid() + " is kept past its retention"));
			}
		}
		Health.Builder health = problems.isEmpty() ? Health.up() : Health.down();
		health.withDetail("generation", ring.generation()).withDetail("problems", problems);
		if (!waiting.isEmpty()) {
			// not a fault: the ACTIVE key goes on signing until the operator records the vendor's id
			health.withDetail("waiting", waiting);
		}
		return health.build();
	}
}
