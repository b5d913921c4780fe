package dev.ticketbooth.sessions;

import java.util.List;
import java.util.Map;

import dev.ticketbooth.AtOnce;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Single-use partners through the running server: one use per token, also when the uses race. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleUseTests {

	@Autowired
	ApplicationContext context;

	SessionScene scene;

	String partner;

	EndUser user;

	@BeforeAll
	void setUp() throws Exception {
		scene = new SessionScene(context);
		partner = scene.partner("su", null, null, null, true);
		user = scene.viewer("su", null);
	}

	@Test
	void aDecisionAcceptsEachTokenOnce() throws Exception {
		String token = scene.mint(partner, user);
		assertThat(scene.decide(token, scene.video)).containsEntry("allow", true);
		assertThat(scene.decide(token, scene.video)).containsEntry("allow", false)
			.containsEntry("reason", "token-already-used");
		assertThat(scene.decide(scene.mint(partner, user), scene.video)).containsEntry("allow", true);
	}

	@Test
	void aSessionStartIsTheTokensOneUse() throws Exception {
		String token = scene.mint(partner, user);
		scene.started(token, null);
		assertProblem(scene.start(token, null), 403, "token-already-used");
		assertThat(scene.decide(token, scene.video)).containsEntry("reason", "token-already-used");
	}

	@Test
	void aDeniedDecisionDoesNotUseTheToken() throws Exception {
		String token = scene.mint(partner, user);
		assertThat(scene.decide(token, scene.otherVideo)).containsEntry("reason", "video-mismatch");
		assertThat(scene.decide(token, scene.video)).containsEntry("allow", true);
	}

	@Test
	void ofTenDecisionsAtOnceExactlyOneAllows() throws Exception {
		String token = scene.mint(partner, user);
		List<Map<String, Object>> decisions = AtOnce.run(10, i -> () -> scene.decide(token, scene.video));
		assertThat(decisions).filteredOn(d -> Boolean.TRUE.equals(d.get("allow"))).hasSize(1);
		assertThat(decisions).filteredOn(d -> !Boolean.TRUE.equals(d.get("allow")))
			.allSatisfy(d -> assertThat(d).containsEntry("reason", "token-already-used"));
	}
}
