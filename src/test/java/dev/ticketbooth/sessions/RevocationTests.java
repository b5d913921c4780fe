package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** "Revoke all tokens" through the running server: decisions, sessions, starts, OAuth authorizations. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	SessionScene scene;

	String partner;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		partner = scene.partner("rv", null, null, null, null);
	}

	@Test
	void tokensMintedBeforeARevocationAreDeniedAndLaterOnesAllowed() throws Exception {
		EndUser user = scene.viewer("rv-tokens", null);
		String before = scene.mint(partner, user);
		String session = scene.started(scene.mint(partner, user), null);
		assertThat(scene.decide(before, scene.video)).containsEntry("allow", true);

		HttpResponse<String> revoked = scene.admin("POST", "/api/admin/users/" + user.username() + "/revoke-tokens");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.body()).contains("\"token_revocations\":1");

		assertThat(scene.decide(before, scene.video)).containsEntry("allow", false).containsEntry("reason", "token-revoked");
		assertProblem(scene.start(before, null), 403, "token-revoked");
		HttpResponse<String> ended = scene.heartbeat(session);
		assertProblem(ended, 410, "session-ended");
		assertThat(SessionScene.field(ended, "reason")).isEqualTo("revoked");

		clock.advance(Duration.ofSeconds(1)); // iat is in whole seconds: the second of the revocation counts as before
		String after = scene.mint(partner, user);
		assertThat(scene.decide(after, scene.video)).containsEntry("allow", true);
		scene.started(after, null);
	}

	@Test
	void aRevocationRemovesTheUsersOAuthAuthorizations() throws Exception {
		EndUser user = scene.viewer("rv-oauth", null);
		jdbc.sql("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
				+ "VALUES (?, ?, ?, ?)").params("rv-" + scene.suffix, "client", user.username(), "refresh_token").update();
		assertThat(scene.admin("POST", "/api/admin/users/" + user.username() + "/revoke-tokens").statusCode()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?").param(user.username())
			.query(Long.class).single()).isZero();
	}

	@Test
	void revokingNeedsAnAdminAndAKnownUser() {
		assertProblem(scene.admin("POST", "/api/admin/users/nobody-" + scene.suffix + "/revoke-tokens"), 404, "unknown-user");
		HttpResponse<String> anonymous = scene.http.send(scene.http.request("/api/admin/users/x/revoke-tokens")
			.POST(dev.ticketbooth.Http.json("")));
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void ivsTokensCarryTheUsersRevocationCountAsViewerSessionVersion() throws Exception {
		EndUser user = scene.viewer("rv-ivs", null);
		String channel = "arn:aws:ivs:eu-west-1:123456789012:channel/rv" + scene.suffix;
		context.getBean(dev.ticketbooth.catalog.Catalog.class).addVideos(scene.course, java.util.List.of(
				context.getBean(dev.ticketbooth.catalog.Catalog.class).createVideo(channel, "IVS").id()));
		context.getBean(dev.ticketbooth.keys.KeyRotation.class).createSet("rv-ivs-" + scene.suffix,
				java.util.List.of(dev.ticketbooth.keys.KeyAlgorithm.ES384), false);
		String ivs = "rv-ivs-" + scene.suffix;
		context.getBean(dev.ticketbooth.partners.Partners.class).create(new dev.ticketbooth.partners.PartnerRequest(ivs, "ivs",
				ivs, null, null, null, null, null, null, null, null, null, null, null, "ES384"));
		Map<String, Object> claims = SignedJWT.parse(scene.mint(ivs, user, channel)).getJWTClaimsSet().getClaims();
		assertThat(claims).containsEntry("aws:viewer-session-version", 0L);
		scene.admin("POST", "/api/admin/users/" + user.username() + "/revoke-tokens");
		claims = SignedJWT.parse(scene.mint(ivs, user, channel)).getJWTClaimsSet().getClaims();
		assertThat(claims).containsEntry("aws:viewer-session-version", 1L);
	}
}
