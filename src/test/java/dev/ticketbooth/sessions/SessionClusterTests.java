package dev.ticketbooth.sessions;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ticketbooth.AtOnce;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestClockConfig;
import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.TicketboothApplication;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.keys.KeyEncryptionKey;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes on one PostgreSQL database: limits and single use hold for the cluster, with
 * real concurrency through both nodes at once.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class SessionClusterTests {

	static TestDatabase database;

	static ConfigurableApplicationContext nodeA;

	static ConfigurableApplicationContext nodeB;

	/** Settings both nodes get on top of the database's (the Redis variant adds its store). */
	Map<String, Object> extra() {
		return Map.of();
	}

	@BeforeAll
	void startTwoNodes() throws Exception {
		Map<String, Object> extra = extra();
		database = TestDatabase.postgresUnmigrated();
		String kek = KeyEncryptionKey.generateBase64();
		ExecutorService starting = Executors.newFixedThreadPool(1);
		try {
			CountDownLatch loggingReady = new CountDownLatch(1);
			Future<ConfigurableApplicationContext> a = starting.submit(() -> start("node-a", kek, loggingReady, extra));
			nodeA = a.get(180, TimeUnit.SECONDS);
			nodeB = start("node-b", kek, null, extra);
		}
		finally {
			starting.shutdown();
		}
		nodeB.getBean(MutableClock.class).set(nodeA.getBean(MutableClock.class).instant());
	}

	@AfterAll
	void stopNodes() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeB, nodeA }) {
			if (node != null) {
				node.close();
			}
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void startsAtTheSameMomentThroughTwoNodesLetExactlyTheLimitThrough() throws Exception {
		SessionScene a = new SessionScene(nodeA);
		String partner = a.partner("cl", null, null, null, null);
		for (int round = 0; round < 3; round++) {
			EndUser user = a.viewer("cl-race-" + round, 3);
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				tokens.add(a.mint(partner, user));
			}
			Http[] nodes = { new Http(port(nodeA)), new Http(port(nodeB)) };
			List<HttpResponse<String>> answers = AtOnce.run(8, i -> () -> nodes[i % 2].send(nodes[i % 2]
				.request("/api/v1/sessions").header("Content-Type", "application/json")
				.POST(Http.json(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("token", tokens.get(i),
						"video", a.video))))));
			assertThat(answers).extracting(HttpResponse::statusCode).as(answers.toString()).containsOnly(201, 403)
				.filteredOn(status -> status == 201).hasSize(3);
			answers.stream().filter(r -> r.statusCode() == 403).forEach(r -> assertProblem(r, 403, "stream-limit"));
		}
	}

	@Test
	void aSingleUseTokenDecidedOnBothNodesAtOnceIsAcceptedOnce() throws Exception {
		SessionScene a = new SessionScene(nodeA);
		SessionScene b = new SessionScene(nodeB);
		String partner = a.partner("cl-su", null, null, null, true);
		EndUser user = a.viewer("cl-su", null);
		String token = a.mint(partner, user);
		SessionScene[] nodes = { a, b };
		List<Map<String, Object>> decisions = AtOnce.run(8, i -> () -> nodes[i % 2].decide(token, a.video));
		assertThat(decisions).filteredOn(d -> Boolean.TRUE.equals(d.get("allow"))).hasSize(1);
	}

	@Test
	void aSessionStartedOnOneNodeIsKickedAndHeartbeatedOnTheOther() throws Exception {
		SessionScene a = new SessionScene(nodeA);
		SessionScene b = new SessionScene(nodeB);
		String partner = a.partner("cl-kick", null, "kick-oldest", null, null);
		EndUser user = a.viewer("cl-kick", 1);
		String first = a.started(a.mint(partner, user), null);
		assertThat(b.heartbeat(first).statusCode()).isEqualTo(200);
		nodeA.getBean(MutableClock.class).advance(java.time.Duration.ofSeconds(1));
		nodeB.getBean(MutableClock.class).advance(java.time.Duration.ofSeconds(1));
		Http onB = new Http(port(nodeB));
		HttpResponse<String> second = onB.send(onB.request("/api/v1/sessions").header("Content-Type", "application/json")
			.POST(Http.json(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("token", a.mint(partner, user),
					"video", a.video)))));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		HttpResponse<String> kicked = a.heartbeat(first);
		assertProblem(kicked, 410, "session-ended");
		assertThat(SessionScene.field(kicked, "reason")).isEqualTo("kicked");
	}

	@Test
	void aRevocationOnOneNodeIsInForceOnTheOtherAtOnce() throws Exception {
		SessionScene a = new SessionScene(nodeA);
		SessionScene b = new SessionScene(nodeB);
		String partner = a.partner("cl-rv", null, null, null, null);
		EndUser user = a.viewer("cl-rv", 2);
		String token = a.mint(partner, user);
		assertThat(b.decide(token, a.video)).containsEntry("allow", true); // opens a session (a limit is in force)
		String session = a.started(a.mint(partner, user), null);
		HttpResponse<String> revoked = a.admin("POST", "/api/admin/users/" + user.username() + "/revoke-tokens");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(b.decide(token, a.video)).containsEntry("allow", false).containsEntry("reason", "token-revoked");
		assertThat(SessionScene.field(b.heartbeat(session), "reason")).isEqualTo("revoked");
	}

	private static ConfigurableApplicationContext start(String node, String kek, CountDownLatch loggingReady,
			Map<String, Object> extra) throws Exception {
		Path home = Files.createTempDirectory("ticketbooth-" + node + "-");
		Map<String, Object> properties = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("ticketbooth.home", home.toString()), Map.entry("ticketbooth.kek", kek),
				Map.entry("ticketbooth.cluster.node-id", node),
				Map.entry("ticketbooth.admin-password", TicketboothServerTest.ADMIN_PASSWORD),
				Map.entry("ticketbooth.scheduling.enabled", "false"),
				Map.entry("spring.datasource.url", database.url()),
				Map.entry("spring.datasource.username", database.user()), Map.entry("spring.datasource.password", ""));
		properties = new java.util.HashMap<>(properties);
		properties.putAll(extra);
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TicketboothApplication.class, TestClockConfig.class);
		if (loggingReady != null) {
			builder.listeners((ApplicationListener<ApplicationContextInitializedEvent>) event -> loggingReady.countDown());
		}
		return builder.run(args);
	}

	private static int port(ConfigurableApplicationContext node) {
		return ((org.springframework.boot.web.server.context.WebServerApplicationContext) node).getWebServer().getPort();
	}
}
