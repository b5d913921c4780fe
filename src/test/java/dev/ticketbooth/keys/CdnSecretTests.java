package dev.ticketbooth.keys;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HS256 key sets: secrets a CDN shares with us, imported through the key API, sealed at rest under
 * the KEK, and never published, exported, shown or trusted to verify a token of ours.
 */
@TicketboothServerTest
class CdnSecretTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyRing ring;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KeyRotation rotation;

	Http http;

	final String s = Viewers.suffix();

	@BeforeEach
	void setUp() {
		http = new Http(port);
	}

	@Test
	void aSecretIsSealedAndNeverPublishedExportedOrShown() throws Exception {
		String set = "secrets-" + s;
		String secret = UUID.randomUUID().toString();
		// the shared context set logging up long before this test (and the in-process CLI tests may
		// have quietened it): listen to the root logger itself, with the key log at INFO meanwhile
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Logger keyLog = (Logger) LoggerFactory.getLogger(KeyRotation.class);
		Level level = keyLog.getLevel();
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		root.addAppender(log);
		keyLog.setLevel(Level.INFO);
		try {
			importedAndNeverShown(set, secret);
		}
		finally {
			keyLog.setLevel(level);
			root.detachAppender(log);
		}
		String logged = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList().toString();
		assertThat(logged).as("the log").contains("Imported HS256 secret").doesNotContain(secret);
	}

	private void importedAndNeverShown(String set, String secret) throws Exception {
		assertThat(post("/api/admin/key-sets", Map.of("name", set, "algorithms", List.of("HS256"))).statusCode()).isEqualTo(201);
		assertThat(ring.keys().stream().filter(k -> k.keySet().equals(set))).as("no secret is generated").isEmpty();
		HttpResponse<String> imported = post("/api/admin/keys/import", Map.of("secret", secret, "set", set, "activate", true));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
		Map<String, Object> view = JSONObjectUtils.parse(imported.body());
		assertThat(view).containsEntry("algorithm", "HS256").containsEntry("state", "ACTIVE").doesNotContainKey("jwk");
		String kid = (String) view.get("kid");
		assertThat(imported.body()).doesNotContain(secret);

		String row = jdbc.sql("SELECT public_key, private_key_ciphertext FROM signing_keys WHERE kid = ?").param(kid)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single();
		assertThat(row).startsWith("null ").doesNotContain(secret);
		assertThat(ring.active(set, KeyAlgorithm.HS256).secret().getEncoded()).asString().isEqualTo(secret);

		assertThat(http.get("/.well-known/jwks.json").body()).doesNotContain(kid);
		assertThat(ring.jwks(set).jwkSet().getKeys()).isEmpty();
		assertThat(ring.trusted(kid)).as("never trusted to verify a token").isEmpty();
		assertProblem(http.send(http.admin("/api/admin/keys/" + kid + "/public.pem")), 409, "secret-not-exported");
		assertThat(http.send(http.admin("/api/admin/keys")).body()).contains(kid).doesNotContain(secret);
		assertThat(http.send(http.admin("/api/admin/audit?limit=200")).body()).doesNotContain(secret);

		assertProblem(post("/api/admin/keys/import", Map.of("secret", secret, "set", set)), 409, "key-exists");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aSetWaitingForItsFirstSecretIsNoFaultOfTheRing() throws Exception {
		String set = "empty-secrets-" + s;
		assertThat(post("/api/admin/key-sets", Map.of("name", set, "algorithms", List.of("HS256"))).statusCode()).isEqualTo(201);
		rotation.maintain(); // what the schedule (off in tests) does: it generates no secret
		assertThat(ring.keys().stream().filter(k -> k.keySet().equals(set))).isEmpty();
		Map<String, Object> health = JSONObjectUtils.parse(http.send(http.admin("/actuator/health")).body());
		Map<String, Object> keyRing = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("keyRing");
		Map<String, Object> details = (Map<String, Object>) keyRing.get("details");
		assertThat(details.get("problems").toString()).doesNotContain(set);
		assertThat(details.get("waiting").toString()).contains(set + "/HS256: no ACTIVE secret yet");
	}

	@Test
	void secretsAndKeyPairsKeepToTheirOwnSets() throws Exception {
		String set = "secrets-only-" + s;
		String secret = "0123456789abcdef0123456789abcdef" + s;
		assertThat(post("/api/admin/key-sets", Map.of("name", set, "algorithms", List.of("HS256"))).statusCode()).isEqualTo(201);
		assertProblem(post("/api/admin/key-sets", Map.of("name", "mixed-" + s, "algorithms", List.of("RS256", "HS256"))), 400,
				"invalid-algorithms");
		assertProblem(post("/api/admin/key-sets", Map.of("name", "pub-" + s, "algorithms", List.of("HS256"), "published", true)),
				400, "invalid-algorithms");
		assertProblem(post("/api/admin/keys/import", Map.of("secret", secret, "set", KeySet.DEFAULT)), 400,
				"algorithm-not-in-set");
		assertProblem(post("/api/admin/keys/import", Map.of("pem", PemCodec.writeTraditional(KeyAlgorithm.RS256.newKeyPair()),
				"set", set)), 400, "algorithm-not-in-set");
		assertProblem(post("/api/admin/keys/import", Map.of("secret", secret, "pem", "x", "set", set)), 400,
				"malformed-request");
		for (String bad : List.of("short", "has a space in it, long enough", "x".repeat(1025))) {
			HttpResponse<String> refused = post("/api/admin/keys/import", Map.of("secret", bad, "set", set));
			assertProblem(refused, 400, "invalid-secret");
			assertThat(refused.body()).doesNotContain(bad);
		}
	}

	@Test
	void theConsoleListsASecretWithoutAPemLink() throws Exception {
		String set = "console-secrets-" + s;
		post("/api/admin/key-sets", Map.of("name", set, "algorithms", List.of("HS256")));
		String kid = (String) JSONObjectUtils.parse(post("/api/admin/keys/import",
				Map.of("secret", UUID.randomUUID().toString(), "set", set)).body()).get("kid");
		WebSession operator = new WebSession(port);
		String login = operator.get("/admin/login").body();
		String csrf = login.replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ WebSession.encode(csrf));
		HttpResponse<String> page = operator.get("/admin/keys");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(kid).doesNotContain("/admin/keys/" + kid + "/public.pem");
	}

	private HttpResponse<String> post(String path, Map<String, Object> body) {
		return http.send(http.admin(path).header("Content-Type", "application/json")
			.POST(Http.json(JSONObjectUtils.toJSONString(body))));
	}
}
