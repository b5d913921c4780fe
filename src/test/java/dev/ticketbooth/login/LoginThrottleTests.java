package dev.ticketbooth.login;

import java.time.Duration;

import dev.ticketbooth.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final LoginProperties properties = new LoginProperties(5, 20, Duration.ofMinutes(15));

	@Test
	void aSprayOfMadeUpUsernamesCannotResetARealUsersCount() {
		LoginThrottle throttle = new LoginThrottle(properties, clock);
		for (int i = 0; i < 5; i++) {
			throttle.failed("victim", "10.0.0.1");
		}
		assertThat(throttle.blocked("victim", "10.0.0.2")).isTrue();
		for (int i = 0; i < LoginThrottle.MAX_TRACKED + 10; i++) {
			throttle.failed("made-up-" + i, "10.9." + (i % 250) + "." + (i / 250 % 250));
		}
		assertThat(throttle.tracked()).isLessThanOrEqualTo(LoginThrottle.MAX_TRACKED);
		assertThat(throttle.blocked("victim", "10.0.0.2")).as("still throttled").isTrue();

		clock.advance(properties.failureWindow().plusSeconds(1));
		throttle.failed("after-the-window", "10.0.0.3"); // prunes what has expired
		assertThat(throttle.blocked("victim", "10.0.0.2")).isFalse();
		assertThat(throttle.tracked()).isLessThan(10);
	}

	@Test
	void aSuccessClearsTheUsersCountButNotTheAddresses() {
		LoginThrottle throttle = new LoginThrottle(properties, clock);
		for (int i = 0; i < 5; i++) {
			throttle.failed("User", "10.0.0.1");
		}
		assertThat(throttle.blocked("user", "10.0.0.9")).as("usernames compare case-insensitively").isTrue();
		throttle.succeeded("user");
		assertThat(throttle.blocked("user", "10.0.0.9")).isFalse();
	}
}
