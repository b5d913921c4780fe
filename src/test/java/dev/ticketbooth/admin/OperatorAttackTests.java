package dev.ticketbooth.admin;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.ticketbooth.AtOnce;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.login.LoginProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on operator credentials and the audit trail, over real HTTP: guessing through HTTP Basic
 * (one by one and all at once) and the console, and anonymous requests that used to fill the trail.
 */
@TicketboothServerTest
class OperatorAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	AdminAccounts accounts;

	@Autowired
	LoginProperties properties;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@AfterEach
	void letTheOtherTestsFromThisAddressIn() {
		clock.advance(properties.failureWindow().plusSeconds(1));
	}

	private String newOperator() {
		String name = "op-" + UUID.randomUUID().toString().substring(0, 8);
		accounts.create(name, "the-right-password", "ADMIN");
		return name;
	}

	@Test
	void apiGuessesAreThrottledBeforeAnyHashEvenWithTheRightPassword() {
		String operator = newOperator();
		Http http = new Http(port);
		for (int i = 0; i < properties.maxFailuresPerUser(); i++) {
			assertProblem(http.send(http.request("/api/admin/keys").header("Authorization", Http.basic(operator, "guess-" + i))),
					401, "unauthenticated");
		}
		HttpResponse<String> throttled = http.send(http.request("/api/admin/keys")
			.header("Authorization", Http.basic(operator, "the-right-password")));
		assertProblem(throttled, 429, "too-many-attempts");
		assertThat(throttled.headers().firstValue("Retry-After").map(Long::parseLong))
			.hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, properties.failureWindow().toSeconds()));
		assertProblem(http.send(http.request("/actuator/prometheus").header("Authorization", Http.basic(operator, "another"))),
				429, "too-many-attempts");
		assertThat(failedSignIns(operator)).as("only checked passwords are recorded").isEqualTo(properties.maxFailuresPerUser());

		clock.advance(properties.failureWindow().plusSeconds(1));
		assertThat(http.send(http.request("/api/admin/keys").header("Authorization", Http.basic(operator, "the-right-password")))
			.statusCode()).isEqualTo(200);
	}

	/**
	 * Only wrong guesses: a right password among them may finish first and, as a success does,
	 * start the count afresh for the guesses still arriving (that made this test flaky).
	 */
	@Test
	void fortySimultaneousApiGuessesGetAtMostTheLimitOfPasswordChecks() throws Exception {
		String operator = newOperator();
		Http http = new Http(port);
		List<Integer> statuses = AtOnce.run(40, i -> () -> http.send(http.request("/api/admin/keys")
			.header("Authorization", Http.basic(operator, "guess-" + i))).statusCode());
		assertThat(statuses).allMatch(status -> status == 401 || status == 429);
		assertThat(statuses.stream().filter(status -> status != 429).count()).as("passwords checked: %s", statuses)
			.isLessThanOrEqualTo(properties.maxFailuresPerUser());
		assertProblem(http.send(http.request("/api/admin/keys").header("Authorization", Http.basic(operator,
				"the-right-password"))), 429, "too-many-attempts");
	}

	@Test
	void theConsoleSignInIsThrottledToo() {
		String operator = newOperator();
		WebSession browser = new WebSession(port);
		for (int i = 0; i < properties.maxFailuresPerUser(); i++) {
			assertThat(consoleSignIn(browser, operator, "guess-" + i)).endsWith("/admin/login?error");
		}
		assertThat(consoleSignIn(browser, operator, "the-right-password")).endsWith("/admin/login?throttled");
		assertThat(browser.get("/admin/login?throttled").body()).contains("Too many failed sign-ins");
	}

	@Test
	void anonymousRequestsWriteNothingAndFailedSignInsFromOneSourceAreBounded() {
		Http http = new Http(port);
		long before = jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single();
		for (int i = 0; i < 51; i++) {
			http.send(http.request("/api/admin/users/" + "x".repeat(480) + i).header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{}")));
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single()).isEqualTo(before);

		for (int i = 0; i < 30; i++) {
			http.send(http.request("/api/admin/keys").header("Authorization", Http.basic("sprayed-" + i, "guess")));
		}
		long recorded = jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'operator.sign-in-failed' AND target LIKE 'sprayed-%'")
			.query(Long.class).single();
		assertThat(recorded).isEqualTo(properties.maxFailuresPerIp());
	}

	@Test
	void eventsOlderThanTheRetentionAreRemoved() {
		audit.record("admin", "test.old", "retention-" + UUID.randomUUID(), "done", null);
		clock.advance(java.time.Duration.ofDays(401));
		assertThat(audit.removeOlderThan(java.time.Duration.ofDays(400))).isPositive();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'test.old'").query(Long.class).single()).isZero();
	}

	private long failedSignIns(String operator) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'operator.sign-in-failed' AND target = ?")
			.param(operator).query(Long.class).single();
	}

	private static String consoleSignIn(WebSession browser, String username, String password) {
		String page = browser.get("/admin/login").body();
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).isTrue();
		return browser.postForm("/admin/login", "username=" + WebSession.encode(username) + "&password="
				+ WebSession.encode(password) + "&_csrf=" + WebSession.encode(csrf.group(1)))
			.headers().firstValue("Location").orElse("");
	}
}
