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
