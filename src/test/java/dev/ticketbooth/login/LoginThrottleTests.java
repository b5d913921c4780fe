package dev.ticketbooth.login;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.ticketbooth.AtOnce;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.login.LoginThrottle.Attempt;
import dev.ticketbooth.login.LoginThrottle.Realm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in throttle of two nodes on one database, on H2 and on PostgreSQL. */
class LoginThrottleTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final LoginProperties properties = new LoginProperties(5, 20, Duration.ofMinutes(15));

	private static void fail(LoginThrottle throttle, Realm realm, String username, String ip) {
		Attempt attempt = throttle.reserve(realm, username, ip);
		assertThat(attempt.reserved()).as("a place for %s from %s", username, ip).isTrue();
		throttle.failed(attempt);
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void failuresOnEveryNodeCountTowardsOneLimit(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			LoginThrottle nodeA = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			LoginThrottle nodeB = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			for (int i = 0; i < 3; i++) {
				fail(nodeA, Realm.END_USER, "victim", "10.0.0.1");
			}
			fail(nodeB, Realm.END_USER, "victim", "10.0.0.2");
			fail(nodeB, Realm.END_USER, "victim", "10.0.0.2");
			Attempt refused = nodeA.reserve(Realm.END_USER, "victim", "10.0.0.3");
			assertThat(refused.reserved()).as("5 failures across the cluster").isFalse();
			assertThat(refused.retryAfterSeconds(clock.instant())).isBetween(899L, 900L);
			assertThat(nodeA.reserve(Realm.END_USER, "someone-else", "10.0.0.3").reserved()).isTrue();
			assertThat(nodeA.reserve(Realm.OPERATOR, "victim", "10.0.0.3").reserved()).as("operators are counted apart")
				.isTrue();

			clock.advance(properties.failureWindow().plusSeconds(1));
			assertThat(nodeB.reserve(Realm.END_USER, "victim", "10.0.0.3").reserved()).as("a new window").isTrue();
			clock.advance(properties.failureWindow().plusSeconds(1));
			int tracked = nodeA.tracked();
			assertThat(nodeA.removeExpired()).isEqualTo(tracked).isPositive();
			assertThat(nodeA.tracked()).isZero();
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void fortySimultaneousWrongPasswordsOnTwoNodesGetFiveChecks(Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			List<LoginThrottle> nodes = List.of(new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock),
					new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock));
			List<Boolean> checked = AtOnce.run(40, i -> () -> {
				LoginThrottle node = nodes.get(i % 2);
				Attempt attempt = node.reserve(Realm.END_USER, "raced", "10.9.9.9");
				if (attempt.reserved()) {
					Thread.sleep(20); // the password hash
					node.failed(attempt);
				}
				return attempt.reserved();
			});
			assertThat(checked.stream().filter(c -> c).count()).isEqualTo(properties.maxFailuresPerUser());
			assertThat(nodes.get(0).failures(Realm.END_USER, "raced")).isEqualTo(5);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aBurstOfRightPasswordsWaitsForPlacesInsteadOfBeingRefused(Supplier<TestDatabase> database) throws Exception {
		try (TestDatabase db = database.get()) {
			LoginThrottle throttle = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			List<Boolean> served = AtOnce.run(12, i -> () -> {
				Attempt attempt = throttle.reserve(Realm.OPERATOR, "script", "10.1.1.1");
				if (attempt.reserved()) {
					Thread.sleep(20);
					throttle.succeeded(attempt);
				}
				return attempt.reserved();
			});
			assertThat(served).containsOnly(true);
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void anAddressIsThrottledForEveryUsernameAndNothingIsStoredAsTyped(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			JdbcClient jdbc = JdbcClient.create(db.dataSource());
			LoginThrottle throttle = new LoginThrottle(jdbc, properties, clock);
			for (int i = 0; i < properties.maxFailuresPerIp(); i++) {
				fail(throttle, Realm.END_USER, "sprayed-" + i, "10.6.6.6");
			}
			assertThat(throttle.reserve(Realm.END_USER, "a-real-user", "10.6.6.6").reserved()).isFalse();
			assertThat(throttle.reserve(Realm.END_USER, "a-real-user", "10.0.0.1").reserved()).isTrue();
			assertThat(jdbc.sql("SELECT throttle_key FROM login_attempts").query(String.class).list())
				.allMatch(key -> key.matches("[0-9a-f]{64}")).noneMatch(key -> key.contains("sprayed"));
		}
	}

	@ParameterizedTest
	@MethodSource("dev.ticketbooth.TestDatabase#all")
	void aSuccessClearsTheUsersCountAndGivesTheAddressItsPlaceBack(Supplier<TestDatabase> database) {
		try (TestDatabase db = database.get()) {
			LoginThrottle throttle = new LoginThrottle(JdbcClient.create(db.dataSource()), properties, clock);
			for (int i = 0; i < 4; i++) {
				fail(throttle, Realm.END_USER, "User", "10.0.0.1");
			}
			Attempt fifth = throttle.reserve(Realm.END_USER, "user", "10.0.0.1");
			assertThat(fifth.reserved()).as("usernames compare case-insensitively: the fifth place").isTrue();
			throttle.succeeded(fifth);
			assertThat(throttle.failures(Realm.END_USER, "user")).isZero();
			assertThat(throttle.reserve(Realm.END_USER, "user", "10.0.0.9").reserved()).isTrue();
		}
	}
}
