package dev.ticketbooth.login;

import java.time.Duration;
import java.util.function.Supplier;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in throttle of two nodes on one database, on H2 and on PostgreSQL. */
class LoginThrottleTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final LoginProperties properties = new LoginProperties(5, 20, Duration.ofMinutes(15));

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void failuresOnEveryNodeCountTowardsOneLimit(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			LoginThrottle nodeA = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			LoginThrottle nodeB = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			for (int i = 0; i < 3; i++) {
				nodeA.failed("victim", "10.0.0.1");
			}
			nodeB.failed("victim", "10.0.0.2");
			assertThat(nodeB.blocked("victim", "10.0.0.3")).as("4 failures across the cluster").isFalse();
			nodeB.failed("victim", "10.0.0.2");
			assertThat(nodeA.blocked("victim", "10.0.0.3")).as("5 failures across the cluster").isTrue();
			assertThat(nodeA.blocked("someone-else", "10.0.0.3")).isFalse();

			clock.advance(properties.failureWindow().plusSeconds(1));
			assertThat(nodeB.blocked("victim", "10.0.0.3")).as("left the window").isFalse();
			assertThat(nodeA.removeExpired()).isEqualTo(10);
			assertThat(nodeA.tracked()).isZero();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void anAddressIsThrottledForEveryUsernameAndNothingIsStoredAsTyped(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			JdbcClient jdbc = JdbcClient.create(db.dataSource());
			LoginThrottle throttle = new LoginThrottle(jdbc, properties, clock);
			for (int i = 0; i < properties.maxFailuresPerIp(); i++) {
				throttle.failed("sprayed-" + i, "10.6.6.6");
			}
			assertThat(throttle.blocked("a-real-user", "10.6.6.6")).isTrue();
			assertThat(throttle.blocked("a-real-user", "10.0.0.1")).isFalse();
			assertThat(jdbc.sql("SELECT throttle_key FROM login_failures").query(String.class).list())
				.allMatch(key -> key.matches("[0-9a-f]{64}")).noneMatch(key -> key.contains("sprayed"));
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aSuccessClearsTheUsersCountButNotTheAddresses(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			LoginThrottle throttle = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			for (int i = 0; i < 5; i++) {
				throttle.failed("User", "10.0.0.1");
			}
			assertThat(throttle.blocked("user", "10.0.0.9")).as("usernames compare case-insensitively").isTrue();
			throttle.succeeded("user");
			assertThat(throttle.blocked("user", "10.0.0.9")).isFalse();
			assertThat(throttle.tracked()).as("the address's failures stay").isEqualTo(5);
		}
	}
}
