package dev.ticketbooth.cluster;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestClockConfig;
import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.TicketboothApplication;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.keys.KeyEncryptionKey;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.login.Providers;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances on one PostgreSQL database, as a cluster behind a load balancer without
 * sticky sessions: keys, sessions and jobs are shared through the database alone.
 */
class TwoNodeClusterTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static TestDatabase database;

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		database = TestDatabase.postgresUnmigrated();
		String kek = KeyEncryptionKey.generateBase64();
		// both at once on the empty database, as a first deployment of several replicas would. Only
		// Spring Boot's logging set-up, which is per JVM and not thread-safe, runs on node A first.
		ExecutorService starting = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch loggingReady = new CountDownLatch(1);
			Future<ConfigurableApplicationContext> a = starting.submit(() -> start("node-a", kek, loggingReady));
			loggingReady.await(60, TimeUnit.SECONDS);
			Future<ConfigurableApplicationContext> b = starting.submit(() -> start("node-b", kek, null));
			nodeA = a.get();
			nodeB = b.get();
		}
		finally {
			starting.shutdown();
		}
		// the test clocks stand still: give both nodes the same time, as NTP would
		nodeB.getBean(MutableClock.class).set(nodeA.getBean(MutableClock.class).instant());
	}

	@AfterAll
	static void stopNodes() {
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
	void twoNodesStartingAtOnceOnAnEmptyDatabaseCreateOneKeyRingAndOneAdmin() {
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM key_sets WHERE name = 'default'").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM admin_users").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM key_encryption_check").query(Long.class).single()).isEqualTo(1);
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		assertThat(a.send(a.admin("/api/admin/keys")).statusCode()).as("the admin works on both").isEqualTo(200);
		assertThat(b.send(b.admin("/api/admin/keys")).statusCode()).isEqualTo(200);
		assertThat(b.get("/.well-known/jwks.json").body()).isEqualTo(a.get("/.well-known/jwks.json").body());
	}

	@Test
	void aRotationOnOneNodeIsServedByTheOther() throws InterruptedException {
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		HttpResponse<String> rotated = a.send(a.admin("/api/admin/keys/rotate").POST(Http.json("")));
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		List<String> newKids = kids(rotated.body(), "next_kid");
		List<String> activeKids = kids(rotated.body(), "active_kid");
		assertThat(newKids).isNotEmpty();

		// node B notices the change within its refresh interval (200 ms here), without a restart
		String jwksOnB = b.get("/.well-known/jwks.json").body();
		for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); !newKids.stream()
			.allMatch(jwksOnB::contains) && System.nanoTime() < deadline;) {
			Thread.sleep(100);
			jwksOnB = b.get("/.well-known/jwks.json").body();
		}
		assertThat(jwksOnB).contains(newKids).contains(activeKids).isEqualTo(a.get("/.well-known/jwks.json").body());
	}

	@Test
	void aLoginStartedOnOneNodeFinishesOnTheOther() {
		String provider = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
		nodeA.getBean(Providers.class).create(provider, "Cluster App", "Cluster Issuer", Duration.ofMinutes(5),
				List.of("myapp://auth/callback"), null);
		String username = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
		nodeA.getBean(EndUsers.class).create(username, "right-password", true, true);
		String authorize = "/authorize?provider=" + provider + "&redirect_uri="
				+ WebSession.encode("myapp://auth/callback") + "&uuid=d-1";

		WebSession onA = new WebSession(port(nodeA));
		assertThat(onA.get(authorize).headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
		Matcher csrf = CSRF.matcher(onA.get("/login").body());
		assertThat(csrf.find()).isTrue();

		WebSession onB = onA.on(port(nodeB));
		assertThat(onB.get("/login").body()).as("node B reads the session node A wrote")
			.contains("Sign in to continue to Cluster App");
		HttpResponse<String> login = onB.postForm("/login", "username=" + username
				+ "&password=right-password&_csrf=" + WebSession.encode(csrf.group(1)));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).as("back to the request saved on node A")
			.hasValueSatisfying(l -> assertThat(l).contains(authorize));

		HttpResponse<String> back = onB.get(authorize);
		assertThat(back.headers().firstValue("Location")).hasValueSatisfying(
				l -> assertThat(l).startsWith("myapp://auth/callback?token=eyJ"));
		HttpResponse<String> againOnA = onA.get(authorize);
		assertThat(againOnA.headers().firstValue("Location")).as("signed in on node A too")
			.hasValueSatisfying(l -> assertThat(l).startsWith("myapp://auth/callback?token=eyJ"));
	}

	@Test
	void whenBothNodesRotateAtOnceTheKeysArePromotedOnce() throws Exception {
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		Duration pastRotation = Duration.ofDays(31);

		// the schedule's own step on both nodes at the same instant: the lease lets one node run it
		List<String> next = kidsIn(jdbc, "NEXT");
		advanceClocks(pastRotation);
		List<Boolean> ran = onBothNodesAtOnce(node -> node.getBean(JobLeases.class)
			.runOnce(KeyRotation.JOB, Duration.ofMinutes(1), node.getBean(KeyRotation.class)::maintain));
		assertThat(ran).containsExactlyInAnyOrder(true, false);
		assertThat(kidsIn(jdbc, "ACTIVE")).as("the NEXT keys were promoted, once").isEqualTo(next);

		// even without the lease (a holder whose term ran out mid-run), the set's row lock allows one promotion
		next = kidsIn(jdbc, "NEXT");
		advanceClocks(pastRotation);
		onBothNodesAtOnce(node -> {
			node.getBean(KeyRotation.class).maintain();
			return true;
		});
		assertThat(kidsIn(jdbc, "ACTIVE")).isEqualTo(next);
		assertThat(kidsIn(jdbc, "NEXT")).hasSameSizeAs(next).doesNotContainAnyElementsOf(next);
	}

	/**
	 * Client-credentials tokens are not stored and clients are cached per node: a revocation or a
	 * deletion on one node still reaches the other within the cache period (5 s by default).
	 */
	@Test
	void aClientCredentialsTokenRevokedOrItsClientDeletedOnOneNodeIsRefusedByTheOther() throws Exception {
		Http a = new Http(port(nodeA));
		Http b = new Http(port(nodeB));
		Duration cachePeriod = Duration.ofSeconds(6);
		String id = "cluster-cc-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = a.send(a.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(Http.json("{\"client_id\":\"" + id + "\",\"scopes\":[\"playback:decide\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(created.body()).get("client_secret");
		String revoked = accessToken(a, id, secret).body();
		String kept = accessToken(a, id, secret).body();
		revoked = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(revoked).get("access_token");
		kept = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(kept).get("access_token");
		assertThat(decide(b, revoked)).isEqualTo(200);
		assertThat(decide(b, kept)).isEqualTo(200);

		HttpResponse<String> revocation = a.send(a.request("/oauth2/revoke").header("Authorization", Http.basic(id, secret))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=" + revoked)));
		assertThat(revocation.statusCode()).isEqualTo(200);
		advanceClocks(cachePeriod);
		assertThat(decide(b, revoked)).as("revoked on node A").isEqualTo(401);
		assertThat(decide(b, kept)).isEqualTo(200);

		assertThat(accessToken(b, id, secret).statusCode()).isEqualTo(200); // node B now holds the client
		assertThat(a.send(a.admin("/api/admin/clients/" + id).DELETE()).statusCode()).isEqualTo(204);
		assertThat(accessToken(a, id, secret).statusCode()).as("at once on the node that deleted it").isEqualTo(401);
		advanceClocks(cachePeriod);
		assertThat(accessToken(b, id, secret).statusCode()).as("within the cache period on the other").isEqualTo(401);
		assertThat(decide(b, kept)).isEqualTo(401);
	}

	private static HttpResponse<String> accessToken(Http node, String clientId, String secret) {
		return node.send(node.request("/oauth2/token").header("Authorization", Http.basic(clientId, secret))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=playback:decide")));
	}

	private static int decide(Http node, String bearer) {
		return node.send(node.request("/api/v1/decisions").header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json").POST(Http.json("{\"token\":\"not-a-token\",\"video\":\"none\"}")))
			.statusCode();
	}

	private static ConfigurableApplicationContext start(String node, String kek, CountDownLatch loggingReady)
			throws Exception {
		Path home = Files.createTempDirectory("ticketbooth-" + node + "-");
		Map<String, Object> properties = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("ticketbooth.home", home.toString()), Map.entry("ticketbooth.kek", kek),
				Map.entry("ticketbooth.cluster.node-id", node),
				Map.entry("ticketbooth.admin-password", TicketboothServerTest.ADMIN_PASSWORD),
				Map.entry("spring.datasource.url", database.url()),
				Map.entry("spring.datasource.username", database.user()), Map.entry("spring.datasource.password", ""),
				// the schedules run (each node refreshes its ring quickly); the tests drive rotation themselves
				Map.entry("ticketbooth.keys.refresh-interval", "200ms"),
				Map.entry("ticketbooth.keys.check-interval", "1h"), Map.entry("ticketbooth.keys.prepublish", "0s"));
		// as command-line arguments: they outrank application.properties (default properties would not)
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(TicketboothApplication.class, TestClockConfig.class);
		if (loggingReady != null) {
			builder.listeners((ApplicationListener<ApplicationContextInitializedEvent>) event -> loggingReady.countDown());
		}
		return builder.run(args);
	}

	private static int port(ConfigurableApplicationContext node) {
		return ((WebServerApplicationContext) node).getWebServer().getPort();
	}

	private static void advanceClocks(Duration duration) {
		nodeA.getBean(MutableClock.class).advance(duration);
		nodeB.getBean(MutableClock.class).advance(duration);
	}

	/** The default set's kids in one state, one per algorithm, in algorithm order. */
	private static List<String> kidsIn(JdbcClient jdbc, String state) {
		return jdbc.sql("SELECT kid FROM signing_keys WHERE key_set = 'default' AND state = ? ORDER BY algorithm")
			.param(state).query(String.class).list();
	}

	private interface NodeTask {

		Boolean run(ConfigurableApplicationContext node) throws Exception;
	}

	private static List<Boolean> onBothNodesAtOnce(NodeTask task) throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
				Callable<Boolean> call = () -> {
					start.await();
					return task.run(node);
				};
				results.add(threads.submit(call));
			}
			List<Boolean> ran = new ArrayList<>();
			for (Future<Boolean> result : results) {
				ran.add(result.get());
			}
			return ran;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static List<String> kids(String json, String field) {
		Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(json);
		List<String> kids = new ArrayList<>();
		while (matcher.find()) {
			kids.add(matcher.group(1));
		}
		return kids;
	}
}
