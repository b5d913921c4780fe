package dev.ticketbooth.cluster;

import java.time.Duration;
import java.util.function.Supplier;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The job lease decides between nodes through the database, on H2 and on PostgreSQL. */
class JobLeasesTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void oneNodeHoldsALeaseForItsTermThenAnyNodeMayTakeIt(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			MutableClock clock = MutableClock.startingNow();
			JobLeases a = node(db, clock, "node-a");
			JobLeases b = node(db, clock, "node-b");

			assertThat(a.take("key-rotation", MINUTE)).isTrue();
			assertThat(b.take("key-rotation", MINUTE)).as("held by node-a").isFalse();
			assertThat(b.take("authorization-cleanup", MINUTE)).as("another job's lease is free").isTrue();

			clock.advance(Duration.ofSeconds(30));
			assertThat(a.take("key-rotation", MINUTE)).as("the holder renews").isTrue();
			clock.advance(Duration.ofSeconds(45));
			assertThat(b.take("key-rotation", MINUTE)).as("renewed term still running").isFalse();

			clock.advance(Duration.ofSeconds(16));
			assertThat(b.take("key-rotation", MINUTE)).as("a dead holder's lease runs out").isTrue();
			assertThat(a.take("key-rotation", MINUTE)).isFalse();
			assertThat(holder(db, "key-rotation")).isEqualTo("node-b");
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void runOnceRunsTheTaskOnlyOnTheLeaseHolder(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			MutableClock clock = MutableClock.startingNow();
			int[] runs = new int[2];
			assertThat(node(db, clock, "node-a").runOnce("session-cleanup", MINUTE, () -> runs[0]++)).isTrue();
			assertThat(node(db, clock, "node-b").runOnce("session-cleanup", MINUTE, () -> runs[1]++)).isFalse();
			assertThat(runs).containsExactly(1, 0);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void anUnknownJobIsAProgrammingError(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			JobLeases node = node(db, MutableClock.startingNow(), "node-a");
			assertThatIllegalArgumentException().isThrownBy(() -> node.take("no-such-job", MINUTE))
				.withMessageContaining("no-such-job");
		}
	}

	private static JobLeases node(TestDatabase db, MutableClock clock, String id) {
		return new JobLeases(JdbcClient.create(db.dataSource()), clock,
				new ClusterProperties(id, Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(12)));
	}

	private static String holder(TestDatabase db, String job) {
		return JdbcClient.create(db.dataSource()).sql("SELECT holder FROM job_leases WHERE name = ?").param(job)
			.query(String.class).single();
	}
}
