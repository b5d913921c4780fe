package dev.ticketbooth.login;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The login page's protections, over real HTTP. */
@TicketboothServerTest
class LoginPageTests {

	@LocalServerPort
	int port;

	@Autowired
	EndUsers users;

	@Autowired
	Providers providers;

	@Autowired
	LoginProperties properties;

	@Autowired
	MutableClock clock;

	@Test
	void signingInWithoutTheCsrfTokenIsRefused() {
		String username = newUser("right-password");
		WebSession session = new WebSession(port);
		session.get("/login");
		HttpResponse<String> response = session.postForm("/login", "username=" + username + "&password=right-password");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(session.get("/authorize").statusCode()).as("still signed out").isNotEqualTo(302);
	}

	@Test
	void theSessionIdChangesAtSignIn() {
		String username = newUser("right-password");
		WebSession session = new WebSession(port);
		session.get("/login");
		String before = session.sessionId();
		assertThat(session.login(username, "right-password").statusCode()).isEqualTo(302);
		assertThat(session.sessionId()).isNotNull().isNotEqualTo(before);
	}

	@Test
	void theLoginPageCannotBeFramedAndUsesNoExternalAssets() {
		HttpResponse<String> page = new WebSession(port).get("/login");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.body()).contains("name=\"viewport\"").doesNotContain("src=\"http", "href=\"http");
	}

	@Test
	void repeatedFailuresForOneUserAreThrottledEvenWithTheRightPassword() {
		String username = newUser("right-password");
		WebSession session = new WebSession(port);
		for (int i = 0; i < properties.maxFailuresPerUser(); i++) {
			assertThat(session.login(username, "wrong").headers().firstValue("Location"))
				.hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
		}
		assertThat(new WebSession(port).login(username, "right-password").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));
		assertThat(session.get("/login?throttled").body()).contains("Too many failed attempts");
		dev.ticketbooth.Http http = new dev.ticketbooth.Http(port);
		assertThat(http.send(http.admin("/actuator/prometheus")).body())
			.containsPattern("ticketbooth_logins_total\\{outcome=\"throttled\"} [1-9]")
			.containsPattern("ticketbooth_logins_total\\{outcome=\"failure\"} [1-9]");

		clock.advance(properties.failureWindow().plusSeconds(1));
		assertThat(new WebSession(port).login(username, "right-password").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).doesNotContain("/login?"));
	}

	@Test
	void repeatedFailuresFromOneAddressAreThrottledForEveryUser() {
		String username = newUser("right-password");
		try {
			for (int i = 0; i < properties.maxFailuresPerIp(); i++) {
				new WebSession(port).login("nobody-" + i + "-" + UUID.randomUUID(), "wrong");
			}
			assertThat(new WebSession(port).login(username, "right-password").headers().firstValue("Location"))
				.hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));
		}
		finally {
			clock.advance(properties.failureWindow().plusSeconds(1)); // let the other tests from 127.0.0.1 in again
		}
	}

	@Test
	void aDisabledUserGetsAPageAndNeverAToken() {
		String provider = newProvider();
		String username = newUser("right-password");
		WebSession session = new WebSession(port);
		assertThat(session.login(username, "right-password").statusCode()).isEqualTo(302);

		users.update(username, null, false);
		// disabling ended the session: the app's link leads to the sign-in page, never to a token
		HttpResponse<String> authorize = session.get(authorize(provider));
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(authorize.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login").doesNotContain("token="));

		assertThat(new WebSession(port).login(username, "right-password").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?disabled"));
	}

	@Test
	void cancellingShowsAPageAndForgetsTheApp() {
		String provider = newProvider();
		String username = newUser("right-password");
		WebSession session = new WebSession(port);
		HttpResponse<String> start = session.get(authorize(provider));
		assertThat(start.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		assertThat(session.get("/login").body()).contains("Sign in to continue to Cancel Test App", "id=\"cancel\"");

		HttpResponse<String> cancelled = session.get("/login/cancel");
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(cancelled.headers().firstValue("Location")).isEmpty();
		assertThat(cancelled.body()).contains("Sign-in cancelled");

		HttpResponse<String> login = session.login(username, "right-password");
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
				l -> assertThat(l).doesNotContain("authorize", "myapp"));
	}

	@Test
	void aSignedOutVisitorIsSentToTheLoginPageAndBackToTheApp() {
		String provider = newProvider();
		String username = newUser("right-password");
		WebSession session = new WebSession(port);
		session.get(authorize(provider));
		HttpResponse<String> login = session.login(username, "right-password");
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains(authorize(provider)));
		HttpResponse<String> back = session.get(authorize(provider));
		assertThat(back.headers().firstValue("Location")).hasValueSatisfying(
				l -> assertThat(l).startsWith("myapp://auth/callback?token="));
	}

	private String authorize(String provider) {
		return "/authorize?provider=" + provider + "&redirect_uri=" + WebSession.encode("myapp://auth/callback") + "&uuid=d-1";
	}

	private String newProvider() {
		String id = "page-" + UUID.randomUUID().toString().substring(0, 8);
		providers.create(id, "Cancel Test App", "Issuer", Duration.ofMinutes(5), List.of("myapp://auth/callback"), null);
		return id;
	}

	private String newUser(String password) {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(username, password, true, true);
		return username;
	}
}
