package dev.ticketbooth.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyOrigin;
import dev.ticketbooth.keys.KeyProperties;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.KeyState;
import dev.ticketbooth.keys.RingKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's picture of one set, without a server. */
class KeyTimelineTests {

	private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

	private final KeyProperties properties = KeyProperties.defaults();

	@Test
	void warnsWhenASetHoldsMoreKeysThanAPlatformUsingItAccepts() {
		KeySet set = new KeySet("brightcove", List.of(KeyAlgorithm.RS256), false, now.minus(Duration.ofDays(90)));
		List<RingKey> keys = new ArrayList<>(List.of(key("a", KeyState.RETIRED, 60), key("b", KeyState.ACTIVE, 30),
				key("c", KeyState.NEXT, 1), key("d", KeyState.REVOKED, 50), key("other", "default", KeyState.RETIRED, 40)));

		assertThat(KeyTimeline.of(set, OptionalInt.of(3), keys, properties, now).keyLimitWarning())
			.as("three keys, revoked and other sets' keys not counted").isNull();
		assertThat(KeyTimeline.of(set, OptionalInt.empty(), keys, properties, now).keyLimitWarning()).isNull();

		keys.add(key("e", KeyState.RETIRED, 45));
		assertThat(KeyTimeline.of(set, OptionalInt.of(3), keys, properties, now).keyLimitWarning())
			.contains("holds 4 keys", "at most 3");
		assertThat(KeyTimeline.of(set, OptionalInt.empty(), keys, properties, now).keyLimitWarning()).isNull();
	}

	@Test
	void tellsWhetherASetsKeysAreKnownByVendorIds() {
		List<RingKey> keys = List.of(key("a", KeyState.ACTIVE, 3));
		KeySet plain = new KeySet("brightcove", List.of(KeyAlgorithm.RS256), false, now);
		KeySet vendor = new KeySet("brightcove", List.of(KeyAlgorithm.RS256), false, now, true);
		assertThat(KeyTimeline.of(plain, OptionalInt.empty(), keys, properties, now).vendorKeyIds()).isFalse();
		assertThat(KeyTimeline.of(vendor, OptionalInt.empty(), keys, properties, now).vendorKeyIds()).isTrue();
	}

	@Test
	void drawsNoNextRotationForASetTheScheduleNeverRotates() {
		List<RingKey> keys = List.of(key("a", KeyState.ACTIVE, 3), key("b", KeyState.NEXT, 1));
		KeySet unpublished = new KeySet("vidbeo", List.of(KeyAlgorithm.RS256), false, now, true);
		KeyTimeline timeline = KeyTimeline.of(unpublished, OptionalInt.empty(), of("vidbeo", keys), properties, now);
		assertThat(timeline.rotationDue()).isNull();
		assertThat(timeline.rotationAt()).isNull();

		KeySet published = new KeySet("vidbeo", List.of(KeyAlgorithm.RS256), true, now, true);
		KeyTimeline rotated = KeyTimeline.of(published, OptionalInt.empty(), of("vidbeo", keys), properties, now);
		assertThat(rotated.rotationDue()).isEqualTo(now.minus(Duration.ofDays(2)).plus(properties.rotationPeriod()));
	}

	@Test
	void zoomsToTheKeysDatesSoMinuteOldKeysAreNotSlivers() {
		Instant created = now.minus(Duration.ofMinutes(2));
		RingKey active = new RingKey("active-0123456789", "default", KeyAlgorithm.RS256, KeyState.ACTIVE, KeyOrigin.GENERATED,
				null, null, null, created, created, null, null);
		RingKey next = new RingKey("next-0123456789", "default", KeyAlgorithm.RS256, KeyState.NEXT, KeyOrigin.GENERATED,
				null, null, null, created, null, null, null);
		KeySet set = new KeySet("default", List.of(KeyAlgorithm.RS256), true, created);
		KeyTimeline timeline = KeyTimeline.of(set, OptionalInt.empty(), List.of(active, next), properties, now);

		assertThat(Duration.between(timeline.from(), timeline.to())).isLessThan(Duration.ofMinutes(5));
		assertThat(timeline.rows().get(0).segments().get(0).width()).as("two minutes fill most of the time axis").isGreaterThan(40);
		assertThat(timeline.rotationAt()).as("a rotation a month ahead is named, not drawn").isNull();
		assertThat(timeline.rotationDue()).isEqualTo(created.plus(properties.rotationPeriod()));
	}

	@Test
	void widensToAFutureMarkNoFurtherAheadThanTheKeysAreOld() {
		KeySet set = new KeySet("default", List.of(KeyAlgorithm.RS256), true, now.minus(Duration.ofDays(40)));
		List<RingKey> keys = List.of(key("a", "default", KeyState.ACTIVE, 20), key("b", "default", KeyState.NEXT, 1));
		KeyTimeline timeline = KeyTimeline.of(set, OptionalInt.empty(), keys, properties, now);
		assertThat(timeline.rotationAt()).as("rotation 11 days ahead, keys 20 days old").isNotNull().isLessThan(100);
		assertThat(timeline.to()).isAfter(timeline.rotationDue());
	}

	private static List<RingKey> of(String set, List<RingKey> keys) {
		return keys.stream().map(k -> new RingKey(k.kid(), set, k.algorithm(), k.state(), k.origin(), null, null, null,
				k.createdAt(), k.activatedAt(), k.retiredAt(), k.revokedAt())).toList();
	}

	private RingKey key(String kid, KeyState state, int daysOld) {
		return key(kid, "brightcove", state, daysOld);
	}

	private RingKey key(String kid, String set, KeyState state, int daysOld) {
		Instant created = now.minus(Duration.ofDays(daysOld));
		Instant activated = state == KeyState.NEXT ? null : created.plus(Duration.ofDays(1));
		Instant retired = state == KeyState.RETIRED ? now.minus(Duration.ofHours(1)) : null;
		Instant revoked = state == KeyState.REVOKED ? now.minus(Duration.ofHours(2)) : null;
		return new RingKey(kid + "-0123456789", set, KeyAlgorithm.RS256, state, KeyOrigin.GENERATED, null, null, null, created,
				activated, retired, revoked);
	}
}
