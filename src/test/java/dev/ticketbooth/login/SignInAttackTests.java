package dev.ticketbooth.login;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ticketbooth.AtOnce;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Attacks on end users' sign-in, over real HTTP: a concurrent guessing burst, and probing an account's state. */
@TicketboothServerTest
class SignInAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	EndUsers users;

	@Autowired
	LoginProperties properties;

	@Autowired
	MutableClock clock;

	@AfterEach
	void letTheOtherTestsFromThisAddressIn() {
		clock.advance(properties.failureWindow().plusSeconds(1));
	}

	@Test
	void fortySimultaneousGuessesGetAtMostTheLimitOfPasswordChecks() throws Exception {
		String username = "raced-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(username, "the-right-password", true, true);
		List<WebSession> browsers = new ArrayList<>();
		List<String> forms = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			WebSession browser = new WebSession(port);
			browsers.add(browser);
			forms.add(browser.loginForm(username, i == 20 ? "the-right-password" : "wrong-" + i));
		}
		List<String> outcomes = AtOnce.run(40, n -> () -> {
			HttpResponse<String> response = browsers.get(n).postForm("/login", forms.get(n));
			return response.headers().firstValue("Location").orElse("status " + response.statusCode());
		});
		Map<String, Long> counts = outcomes.stream()
			.map(location -> location.endsWith("/login?throttled") ? "throttled"
					: location.endsWith("/login?error") ? "wrong password" : "signed in")
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		long checked = counts.getOrDefault("wrong password", 0L) + counts.getOrDefault("signed in", 0L);
		assertThat(checked).as("passwords checked: %s", counts).isLessThanOrEqualTo(properties.maxFailuresPerUser());
		assertThat(counts.get("throttled")).isGreaterThanOrEqualTo(40L - properties.maxFailuresPerUser());
	}

	@Test
	void aWrongPasswordGetsTheSameAnswerWhetherTheAccountIsDisabledOrNot() {
		String enabled = "probe-on-" + UUID.randomUUID().toString().substring(0, 8);
		String disabled = "probe-off-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(enabled, "the-right-password", true, true);
		users.create(disabled, "the-right-password", false, true);

		HttpResponse<String> onEnabled = new WebSession(port).login(enabled, "a-guess");
		HttpResponse<String> onDisabled = new WebSession(port).login(disabled, "a-guess");
		HttpResponse<String> onNobody = new WebSession(port).login("nobody-" + UUID.randomUUID(), "a-guess");
		for (HttpResponse<String> response : List.of(onEnabled, onDisabled, onNobody)) {
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
		}
		// only whoever knows the password learns that the account is disabled
		assertThat(new WebSession(port).login(disabled, "the-right-password").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?disabled"));
	}
}
