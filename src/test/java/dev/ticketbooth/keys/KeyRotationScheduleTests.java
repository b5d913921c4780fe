package dev.ticketbooth.keys;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The two rules every key view shares, without Spring or a database. */
class KeyRotationScheduleTests {

	private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

	private final RotationSchedule schedule = new RotationSchedule(Duration.ofDays(30), Duration.ofHours(24));

	@Test
	void rotationIsDueARotationPeriodAfterActivationOrCreationWhereNoneWasRecorded() {
		assertThat(schedule.rotationDueAt(T0.plusSeconds(60), T0)).isEqualTo(T0.plusSeconds(60).plus(Duration.ofDays(30)));
		assertThat(schedule.rotationDueAt(null, T0)).isEqualTo(T0.plus(Duration.ofDays(30)));
	}

	@Test
	void nextKeyIsPromotableFromTheEndOfItsLeadTimeOn() {
		assertThat(schedule.promotableAt(T0)).isEqualTo(T0.plus(Duration.ofHours(24)));
		assertThat(schedule.promotable(T0, T0.plus(Duration.ofHours(24)).minusMillis(1))).isFalse();
		assertThat(schedule.promotable(T0, T0.plus(Duration.ofHours(24)))).isTrue();
	}

	@Test
	void scheduleRotatesOnlyWhenTheActiveKeyHasServedAndTheNextKeyMaySign() {
		StoredKey active = key(KeyState.ACTIVE, T0, T0);
		Instant due = T0.plus(Duration.ofDays(30));
		assertThat(schedule.rotationDue(active, key(KeyState.NEXT, T0, null), due)).isTrue();
		assertThat(schedule.rotationDue(active, key(KeyState.NEXT, T0, null), due.minusMillis(1))).isFalse();
		assertThat(schedule.rotationDue(active, key(KeyState.NEXT, due.minusSeconds(1), null), due)).isFalse();
	}

	private static StoredKey key(KeyState state, Instant createdAt, Instant activatedAt) {
		return new StoredKey("kid", KeySet.DEFAULT, KeyAlgorithm.RS256, state, KeyOrigin.GENERATED, "spki", "sealed", null,
				createdAt, activatedAt, null, null);
	}
}
