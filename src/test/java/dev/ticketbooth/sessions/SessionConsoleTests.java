package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.oidc.TokenHashes;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The console: a user's sessions and devices with kick, remove and "revoke all tokens"; live counts per partner. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionConsoleTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	ApplicationContext context;

	@LocalServerPort
	int port;

	SessionScene scene;

	String partner;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		partner = scene.partner("con", null, null, 3, null);
	}

	WebSession signIn() {
		WebSession operator = new WebSession(port);
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ csrf(operator.get("/admin/login").body()));
		return operator;
	}

	static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).isTrue();
		return WebSession.encode(matcher.group(1));
	}

	@Test
	void anOperatorKicksASessionRemovesADeviceAndRevokesAllTokens() throws Exception {
		EndUser user = scene.viewer("con", null);
		String first = scene.started(scene.mint(partner, user), "tv-1");
		String second = scene.started(scene.mint(partner, user), "phone-1");
		WebSession operator = signIn();
		String page = operator.get("/admin/users/" + user.username()).body();
		assertThat(page).contains("tv-1", "phone-1", TokenHashes.hash(first), "Revoke all tokens").doesNotContain(first);
		assertThat(operator.get("/admin/sessions").body()).contains(partner);

		HttpResponse<String> kicked = operator.postForm("/admin/users/" + user.username() + "/sessions/kick",
				"handle=" + WebSession.encode(TokenHashes.hash(first)) + "&_csrf=" + csrf(page));
		assertThat(kicked.statusCode()).isEqualTo(302);
		assertThat(SessionScene.field(scene.heartbeat(first), "reason")).isEqualTo("kicked");

		page = operator.get("/admin/users/" + user.username()).body();
		assertThat(page).contains("Session ended.");
		operator.postForm("/admin/users/" + user.username() + "/devices/remove", "device=phone-1&_csrf=" + csrf(page));
		assertThat(scene.admin("GET", "/api/admin/users/" + user.username() + "/devices").body()).contains("\"removed_at\"");

		page = operator.get("/admin/users/" + user.username()).body();
		operator.postForm("/admin/users/" + user.username() + "/revoke-tokens", "_csrf=" + csrf(page));
		assertProblem(scene.heartbeat(second), 410, "session-ended");
		assertThat(SessionScene.field(scene.heartbeat(second), "reason")).isEqualTo("revoked");
	}

	@Test
	void theButtonsNeedTheCsrfToken() throws Exception {
		EndUser user = scene.viewer("con-csrf", null);
		String session = scene.started(scene.mint(partner, user), "tv-1");
		WebSession operator = signIn();
		HttpResponse<String> forged = operator.postForm("/admin/users/" + user.username() + "/sessions/kick",
				"handle=" + WebSession.encode(TokenHashes.hash(session)));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(scene.heartbeat(session).statusCode()).isEqualTo(200);
	}
}
