package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.ticketbooth.AtOnce;
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

/** Concurrent-stream limits through the running server: where the limit comes from, both policies, races. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamLimitTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	SessionScene scene;

	String blocking;

	String kicking;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		blocking = scene.partner("sl-block", null, null, null, null);
		kicking = scene.partner("sl-kick", null, "kick-oldest", null, null);
	}

	@Test
	void theGrantsStreamCountBlocksTheNextStreamUntilOneStops() throws Exception {
		EndUser user = scene.viewer("sl-grant", 2);
		String first = scene.started(scene.mint(blocking, user), null);
		scene.started(scene.mint(blocking, user), null);
		assertProblem(scene.start(scene.mint(blocking, user), null), 403, "stream-limit");
		assertThat(scene.heartbeat(first).statusCode()).as("the refused start ended nothing").isEqualTo(200);
		assertThat(scene.stop(first).statusCode()).isEqualTo(204);
		scene.started(scene.mint(blocking, user), null);
	}

	@Test
	void anExpiredSessionNoLongerCounts() throws Exception {
		EndUser user = scene.viewer("sl-expiry", 1);
		scene.started(scene.mint(blocking, user), null);
		assertProblem(scene.start(scene.mint(blocking, user), null), 403, "stream-limit");
		clock.advance(Duration.ofSeconds(91));
		scene.started(scene.mint(blocking, user), null);
	}

	@Test
	void thePartnersMaxStreamsAppliesWhenTheGrantNamesNone() throws Exception {
		String partner = scene.partner("sl-max", 1, null, null, null);
		EndUser user = scene.viewer("sl-max", null);
		scene.started(scene.mint(partner, user), null);
		assertProblem(scene.start(scene.mint(partner, user), null), 403, "stream-limit");
		EndUser unlimited = scene.viewer("sl-none", null);
		for (int i = 0; i < 4; i++) {
			scene.started(scene.mint(blocking, unlimited), null); // no grant count, no partner limit: no limit
		}
	}

	@Test
	void streamsAreCountedPerUserAcrossPartners() throws Exception {
		EndUser user = scene.viewer("sl-across", 2);
		scene.started(scene.mint(blocking, user), null);
		scene.started(scene.mint(kicking, user), null);
		assertProblem(scene.start(scene.mint(blocking, user), null), 403, "stream-limit");
	}

	@Test
	void kickOldestEndsTheOldestSessionAtItsNextHeartbeat() throws Exception {
		EndUser user = scene.viewer("sl-kick", 2);
		String oldest = scene.started(scene.mint(kicking, user), null);
		clock.advance(Duration.ofSeconds(1));
		String second = scene.started(scene.mint(kicking, user), null);
		clock.advance(Duration.ofSeconds(1));
		String third = scene.started(scene.mint(kicking, user), null);
		HttpResponse<String> kicked = scene.heartbeat(oldest);
		assertProblem(kicked, 410, "session-ended");
		assertThat(SessionScene.field(kicked, "reason")).isEqualTo("kicked");
		assertThat(scene.heartbeat(second).statusCode()).isEqualTo(200);
		assertThat(scene.heartbeat(third).statusCode()).isEqualTo(200);
	}

	@Test
	void manyStartsAtTheSameMomentLetExactlyTheLimitThrough() throws Exception {
		EndUser user = scene.viewer("sl-race", 2);
		List<String> tokens = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			tokens.add(scene.mint(blocking, user));
		}
		List<HttpResponse<String>> answers = AtOnce.run(6, i -> () -> scene.start(tokens.get(i), null));
		assertThat(answers).extracting(HttpResponse::statusCode).as(answers.toString()).containsOnly(201, 403)
			.filteredOn(status -> status == 201).hasSize(2);
		answers.stream().filter(a -> a.statusCode() == 403).forEach(a -> assertProblem(a, 403, "stream-limit"));
	}

	@Test
	void operatorsSeeAndKickLiveSessions() throws Exception {
		EndUser user = scene.viewer("sl-admin", 3);
		String session = scene.started(scene.mint(blocking, user), null);
		HttpResponse<String> listed = scene.admin("GET", "/api/admin/users/" + user.username() + "/sessions");
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains(dev.ticketbooth.oidc.TokenHashes.hash(session), blocking, scene.video)
			.doesNotContain("\"" + session + "\"");
		assertThat(scene.admin("GET", "/api/admin/sessions").body()).contains(blocking);
		String handle = dev.ticketbooth.oidc.TokenHashes.hash(session);
		assertThat(scene.admin("DELETE", "/api/admin/sessions/" + handle).statusCode()).isEqualTo(204);
		HttpResponse<String> kicked = scene.heartbeat(session);
		assertProblem(kicked, 410, "session-ended");
		assertThat(SessionScene.field(kicked, "reason")).isEqualTo("kicked");
		assertProblem(scene.admin("DELETE", "/api/admin/sessions/" + handle), 404, "unknown-session");
	}

	@Test
	void startsRefusalsKicksAndLiveSessionsAreMetrics() throws Exception {
		EndUser user = scene.viewer("sl-metrics", 1);
		scene.started(scene.mint(blocking, user), null);
		assertProblem(scene.start(scene.mint(blocking, user), null), 403, "stream-limit");
		scene.started(scene.mint(kicking, user), null);
		scene.started(scene.mint(blocking, scene.viewer("sl-metrics-2", null)), null);
		String metrics = scene.admin("GET", "/actuator/prometheus").body();
		assertThat(metrics).contains("ticketbooth_sessions_started_total{opened_by=\"player\",partner=\"" + kicking + "\"}",
				"ticketbooth_sessions_refused_total{reason=\"stream-limit\"}", "ticketbooth_sessions_kicked_total",
				"ticketbooth_sessions_live{partner=\"" + blocking + "\"}");
	}

	@Test
	void operatorsSetAPartnersViewerLimitsAndBadValuesAreRefused() throws Exception {
		String partner = scene.partner("sl-put", null, null, null, null);
		HttpResponse<String> set = scene.http.send(scene.http.admin("/api/admin/partners/" + partner + "/viewer-limits")
			.header("Content-Type", "application/json")
			.PUT(dev.ticketbooth.Http.json("{\"max_streams\":1,\"stream_limit_policy\":\"kick-oldest\",\"max_devices\":4,"
					+ "\"device_slot_cooldown_seconds\":3600,\"single_use\":false}")));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(set.body()).contains("\"max_streams\":1", "\"stream_limit_policy\":\"kick-oldest\"", "\"max_devices\":4",
				"\"device_slot_cooldown_seconds\":3600", "\"single_use\":false");
		EndUser user = scene.viewer("sl-put", null);
		String first = scene.started(scene.mint(partner, user), "tv-1");
		scene.started(scene.mint(partner, user), "tv-1");
		assertThat(SessionScene.field(scene.heartbeat(first), "reason")).isEqualTo("kicked");
		for (String bad : new String[] { "{\"max_streams\":0}", "{\"stream_limit_policy\":\"sometimes\"}",
				"{\"max_devices\":\"two\"}", "{\"device_slot_cooldown_seconds\":-1}", "{\"max_streams\":1.5}" }) {
			assertProblem(scene.http.send(scene.http.admin("/api/admin/partners/" + partner + "/viewer-limits")
				.header("Content-Type", "application/json").PUT(dev.ticketbooth.Http.json(bad))), 400, "invalid-viewer-limits");
		}
	}
}
