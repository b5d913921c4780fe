package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions take part while a stream limit is in force: an allow opens a session for its token or
 * renews it (a DRM licence renewal as a heartbeat), and counts against the player's own starts.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionSessionTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	SessionScene scene;

	String partner;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		partner = scene.partner("ds", null, null, null, null);
	}

	@Test
	void anAllowOpensASessionThatRenewalsOfTheSameTokenKeepAlive() throws Exception {
		EndUser user = scene.viewer("ds-renew", 1);
		String token = scene.mint(partner, user);
		assertThat(scene.decide(token, scene.video)).containsEntry("allow", true);
		for (int i = 0; i < 3; i++) {
			clock.advance(Duration.ofSeconds(60));
			assertThat(scene.decide(token, scene.video)).as("renewal %s", i).containsEntry("allow", true);
		}
		String other = scene.mint(partner, user);
		assertThat(scene.decide(other, scene.video)).containsEntry("allow", false).containsEntry("reason", "stream-limit");
		assertProblem(scene.start(other, null), 403, "stream-limit");
		HttpResponse<String> listed = scene.admin("GET", "/api/admin/users/" + user.username() + "/sessions");
		assertThat(listed.body()).contains("\"opened_by\":\"decision\"");

		clock.advance(Duration.ofSeconds(91)); // the licence is no longer renewed: the session ends by itself
		assertThat(scene.decide(other, scene.video)).containsEntry("allow", true);
	}

	/** Renewals within the cache period skip the store; a kick on this node must not be skipped over. */
	@Test
	void aKickedSessionIsOpenedAgainByTheNextDecisionNotTakenAsRenewed() throws Exception {
		EndUser user = scene.viewer("ds-kick", 1);
		String token = scene.mint(partner, user);
		assertThat(scene.decide(token, scene.video)).containsEntry("allow", true);
		assertThat(scene.decide(token, scene.video)).as("renewed within the cache period").containsEntry("allow", true);
		String path = "/api/admin/users/" + user.username() + "/sessions";
		String handle = com.nimbusds.jose.util.JSONObjectUtils
			.parse("{\"s\":" + scene.admin("GET", path).body() + "}").get("s") instanceof java.util.List<?> list
					&& list.size() == 1 && list.get(0) instanceof java.util.Map<?, ?> live ? (String) live.get("handle") : null;
		assertThat(handle).as("one live session").isNotNull();
		assertThat(scene.admin("DELETE", "/api/admin/sessions/" + handle).statusCode()).isEqualTo(204);
		assertThat(scene.admin("GET", path).body()).isEqualTo("[]");

		assertThat(scene.decide(token, scene.video)).containsEntry("allow", true);
		assertThat(scene.admin("GET", path).body()).as("the decision opened a session again").contains("\"opened_by\":\"decision\"");
	}

	@Test
	void withoutALimitDecisionsOpenNoSession() throws Exception {
		EndUser user = scene.viewer("ds-free", null);
		assertThat(scene.decide(scene.mint(partner, user), scene.video)).containsEntry("allow", true);
		assertThat(scene.admin("GET", "/api/admin/users/" + user.username() + "/sessions").body()).isEqualTo("[]");
	}

	@Test
	void kinescopeLicenceRenewalsKeepTheSessionAliveAndATokenBeyondTheLimitGetsNoLicence() throws Exception {
		String id = "ds-kin-" + scene.suffix;
		String password = "ds-kinescope-password-" + scene.suffix;
		context.getBean(dev.ticketbooth.partners.Partners.class).create(new dev.ticketbooth.partners.PartnerRequest(id,
				"kinescope", null, null, null, null, null, null, null, true, id, password, false, null, null));
		EndUser user = scene.viewer("ds-kin", 1);
		String token = scene.mint(id, user);
		java.util.function.Function<String, HttpResponse<String>> licence = t -> scene.http.send(scene.http
			.request("/kinescope/authorize").header("Authorization", dev.ticketbooth.Http.basic(id, password))
			.header("Content-Type", "application/json").POST(dev.ticketbooth.Http.json(
					com.nimbusds.jose.util.JSONObjectUtils.toJSONString(java.util.Map.of("id", scene.video, "token", t,
							"type", "video", "ip", "11.22.33.44", "user_agent", "test")))));
		assertThat(licence.apply(token).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(60));
		assertThat(licence.apply(token).statusCode()).as("a renewal is a heartbeat").isEqualTo(200);
		HttpResponse<String> other = licence.apply(scene.mint(id, user));
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.body()).contains("\"reason\":\"stream-limit\"");
	}
}
