package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.oidc.TokenHashes;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The sessions API through the running server: start, heartbeat, stop, expiry, bad input, CORS. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionApiTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	SessionScene scene;

	String partner;

	EndUser user;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		partner = scene.partner("sess-api", null, null, null, null);
		user = scene.viewer("sess-api", null);
	}

	@Autowired
	java.util.List<org.springframework.boot.web.servlet.FilterRegistrationBean<?>> filters;

	/** Heartbeats are answered on the lean path, with the headers the controller and the chain gave. */
	@Test
	void heartbeatsTakeTheLeanPathWithTheirOwnCachingAndTheChainsRefusals() throws Exception {
		dev.ticketbooth.config.LeanEndpoint endpoint = filters.stream()
			.map(org.springframework.boot.web.servlet.FilterRegistrationBean::getFilter)
			.filter(SessionHeartbeatEndpoint.class::isInstance).map(dev.ticketbooth.config.LeanEndpoint.class::cast)
			.findFirst().orElseThrow();
		String session = SessionScene.field(scene.start(scene.mint(partner, user), null), "session");
		long before = endpoint.served();
		HttpResponse<String> beat = scene.heartbeat(session);
		assertThat(beat.statusCode()).isEqualTo(200);
		assertThat(endpoint.served()).isEqualTo(before + 1);
		assertThat(beat.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(beat.headers().firstValue("Pragma")).isEmpty();
		assertThat(beat.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(beat.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(beat.headers().firstValue("Content-Type")).hasValue("application/json");

		HttpResponse<String> unknown = scene.heartbeat("AAAAAAAAAAAAAAAAAAAAAA");
		assertProblem(unknown, 404, "unknown-session");
		assertThat(unknown.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
		assertThat(unknown.headers().firstValue("Pragma")).hasValue("no-cache");
		// an id that is not plain base64url is left to the controller, which answers as before
		long lean = endpoint.served();
		assertProblem(scene.heartbeat("not.an.id"), 404, "unknown-session");
		assertThat(endpoint.served()).isEqualTo(lean);
	}

	@Test
	void aPlayerStartsHeartbeatsAndStopsASession() throws Exception {
		HttpResponse<String> started = scene.start(scene.mint(partner, user), null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		Map<String, Object> body = JSONObjectUtils.parse(started.body());
		String session = (String) body.get("session");
		assertThat(session).hasSize(22).matches("[A-Za-z0-9_-]+");
		assertThat(body.get("heartbeat_seconds")).isEqualTo(30L);
		assertThat(Instant.parse((String) body.get("expires_at"))).isEqualTo(clock.instant().plusSeconds(90));
		assertThat(started.headers().firstValue("Set-Cookie")).as("no cookies").isEmpty();
		assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");

		clock.advance(Duration.ofSeconds(30));
		HttpResponse<String> beat = scene.heartbeat(session);
		assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);
		assertThat(Instant.parse(SessionScene.field(beat, "expires_at"))).isEqualTo(clock.instant().plusSeconds(90));

		assertThat(scene.stop(session).statusCode()).isEqualTo(204);
		HttpResponse<String> after = scene.heartbeat(session);
		assertProblem(after, 410, "session-ended");
		assertThat(SessionScene.field(after, "reason")).isEqualTo("stopped");
		assertThat(scene.stop(session).statusCode()).as("stopping twice is harmless").isEqualTo(204);
	}

	@Test
	void aSessionNotHeartbeatedWithinTheTimeoutEndsByItself() throws Exception {
		String session = scene.started(scene.mint(partner, user), null);
		clock.advance(Duration.ofSeconds(89));
		assertThat(scene.heartbeat(session).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(91));
		HttpResponse<String> late = scene.heartbeat(session);
		assertProblem(late, 410, "session-ended");
		assertThat(SessionScene.field(late, "reason")).isEqualTo("expired");
	}

	@Test
	void onlyTheHashOfASessionIdIsStored() throws Exception {
		String session = scene.started(scene.mint(partner, user), null);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM viewer_sessions WHERE id_hash = ?").param(TokenHashes.hash(session))
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM viewer_sessions WHERE id_hash = ? OR token_hash LIKE ?")
			.params(session, "%" + session + "%").query(Long.class).single()).isZero();
		HttpResponse<String> byHash = scene.heartbeat(TokenHashes.hash(session).replace(":", "%3A"));
		assertThat(byHash.statusCode()).as("a stored hash is no session id").isEqualTo(404);
	}

	@Test
	void unknownSessionsAndBadBodiesAreProblemsNeverServerErrors() throws Exception {
		assertProblem(scene.heartbeat("AAAAAAAAAAAAAAAAAAAAAA"), 404, "unknown-session");
		assertProblem(scene.heartbeat("not-an-id"), 404, "unknown-session");
		assertProblem(scene.start("{"), 400, "malformed-request");
		assertProblem(scene.start("{}"), 400, "missing-field");
		assertProblem(scene.start("{\"token\": 5}"), 400, "invalid-field");
		assertProblem(scene.start("{\"token\": \"x.y.z\", \"video\": \"v\"}"), 403, "malformed-token");
		String token = scene.mint(partner, user);
		assertProblem(scene.start(token, "bad device id with spaces"), 400, "invalid-field");
		assertProblem(scene.start(JSONObjectUtils.toJSONString(Map.of("token", token, "video", scene.otherVideo))), 403,
				"video-mismatch");
	}

	@Test
	void theVideoDefaultsToTheOneTheTokenNames() throws Exception {
		HttpResponse<String> response = scene.start(JSONObjectUtils.toJSONString(Map.of("token", scene.mint(partner, user))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	@Test
	void browsersGetCorsWithoutCredentials() throws Exception {
		HttpResponse<String> preflight = scene.http.send(scene.http.request("/api/v1/sessions")
			.header("Origin", "https://player.example").header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type").method("OPTIONS", Http0.none()));
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://player.example");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

		HttpResponse<String> started = scene.http.send(scene.http.request("/api/v1/sessions")
			.header("Origin", "https://player.example").header("Content-Type", "application/json")
			.POST(dev.ticketbooth.Http.json(JSONObjectUtils.toJSONString(Map.of("token", scene.mint(partner, user),
					"video", scene.video)))));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		assertThat(started.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://player.example");
		assertThat(started.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void heartbeatsCarryCorsOnlyForOriginsTheSessionsPartnerAllows() throws Exception {
		String strict = scene.partner("sess-cors", null, null, null, null);
		HttpResponse<String> rules = scene.http.send(scene.http.admin("/api/admin/partners/" + strict + "/rules")
			.header("Content-Type", "application/json")
			.PUT(dev.ticketbooth.Http.json("{\"origins\":[\"https://player.example\"]}")));
		assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
		HttpResponse<String> refused = scene.http.send(scene.http.request("/api/v1/sessions")
			.header("Origin", "https://elsewhere.example").header("Content-Type", "application/json")
			.POST(dev.ticketbooth.Http.json(JSONObjectUtils.toJSONString(Map.of("token", scene.mint(strict, user),
					"video", scene.video)))));
		assertProblem(refused, 403, "origin-not-allowed");
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		String session = (String) JSONObjectUtils.parse(scene.http.send(scene.http.request("/api/v1/sessions")
			.header("Origin", "https://player.example").header("Content-Type", "application/json")
			.POST(dev.ticketbooth.Http.json(JSONObjectUtils.toJSONString(Map.of("token", scene.mint(strict, user),
					"video", scene.video))))).body()).get("session");
		HttpResponse<String> allowed = scene.http.send(scene.http.request("/api/v1/sessions/" + session + "/heartbeat")
			.header("Origin", "https://player.example").POST(dev.ticketbooth.Http.json("")));
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://player.example");
		HttpResponse<String> other = scene.http.send(scene.http.request("/api/v1/sessions/" + session + "/heartbeat")
			.header("Origin", "https://elsewhere.example").POST(dev.ticketbooth.Http.json("")));
		assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	/** An empty body for OPTIONS. */
	static final class Http0 {

		static java.net.http.HttpRequest.BodyPublisher none() {
			return java.net.http.HttpRequest.BodyPublishers.noBody();
		}
	}
}
