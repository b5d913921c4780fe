package dev.ticketbooth.cluster;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.login.Providers;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and console sessions in the shared database: they end at {@code ticketbooth.cluster.session-max-age}
 * (12 h) however active they are. The sessions' ages are set back in the real {@code SPRING_SESSION}
 * table, in Spring Session's own (system) time, as no test clock reaches it.
 */
@TicketboothServerTest
class HttpSessionTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EndUsers users;

	@Autowired
	Providers providers;

	@Test
	void aConsoleSessionEndsAtItsMaximumAgeHoweverActiveItIs() {
		WebSession operator = new WebSession(port);
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ csrf(operator, "/admin/login"));
		assertThat(operator.get("/admin/keys").statusCode()).isEqualTo(200);

		createdAgo(operator, Duration.ofHours(11).plusMinutes(59));
		assertThat(operator.get("/admin/keys").statusCode()).as("still within its maximum age").isEqualTo(200);

		createdAgo(operator, Duration.ofHours(12).plusMinutes(1));
		HttpResponse<String> after = operator.get("/admin/keys");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
		assertThat(operator.get("/admin/keys").statusCode()).as("and stays signed out").isEqualTo(302);
	}

	@Test
	void anEndUsersLoginSessionEndsAtItsMaximumAge() {
		String s = UUID.randomUUID().toString().substring(0, 8);
		providers.create("age-" + s, "Age App", "Age Issuer", Duration.ofMinutes(5), List.of("myapp://auth/callback"), null);
		users.create("viewer-" + s, "right-password", true, true);
		String authorize = "/authorize?provider=age-" + s + "&redirect_uri=" + WebSession.encode("myapp://auth/callback")
				+ "&uuid=d-1";
		WebSession viewer = new WebSession(port);
		viewer.get(authorize);
		assertThat(viewer.login("viewer-" + s, "right-password").statusCode()).isEqualTo(302);
		assertThat(viewer.get(authorize).headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).startsWith("myapp://auth/callback?token="));

		String before = viewer.sessionId();
		createdAgo(viewer, Duration.ofHours(12).plusMinutes(1));
		assertThat(viewer.get(authorize).headers().firstValue("Location")).as("must sign in again")
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		assertThat(rows(before)).as("the old session is gone from the database").isZero();
	}

	@Test
	void aForwardedProtoHeaderIsIgnoredByDefault() {
		Http http = new Http(port);
		HttpResponse<String> page = http.send(http.request("/login").header("X-Forwarded-Proto", "https"));
		assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=")
			.contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
	}

	private void createdAgo(WebSession session, Duration age) {
		int updated = jdbc.sql("UPDATE SPRING_SESSION SET CREATION_TIME = ? WHERE SESSION_ID = ?")
			.params(System.currentTimeMillis() - age.toMillis(), id(session.sessionId())).update();
		assertThat(updated).isEqualTo(1);
	}

	private long rows(String cookie) {
		return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?").param(id(cookie)).query(Long.class)
			.single();
	}

	/** The session id in the cookie, which Spring Session base64-encodes. */
	private static String id(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
	}

	private static String csrf(WebSession session, String page) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(session.get(page).body());
		assertThat(matcher.find()).isTrue();
		return WebSession.encode(matcher.group(1));
	}
}
