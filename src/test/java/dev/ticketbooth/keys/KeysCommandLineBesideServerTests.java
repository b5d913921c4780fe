package dev.ticketbooth.keys;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.config.TicketboothProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code keys} CLI, in a process of its own as an operator runs it, beside a running server. With the embedded H2 file (which serves no port
 * any more) it refuses clearly and points at the admin API, which does the same job; on
 * PostgreSQL it works beside the running node.
 */
@TicketboothServerTest
class KeysCommandLineBesideServerTests {

	@LocalServerPort
	int port;

	@Autowired
	TicketboothProperties properties;

	@Autowired
	KeyRing ring;

	@Value("${spring.datasource.url}")
	String databaseUrl;

	@Value("${spring.datasource.username}")
	String databaseUser;

	@Test
	void theCliBesideARunningServerSaysToStopItOrUseTheApiAndTheApiRotates() throws Exception {
		Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "dev.ticketbooth.TicketboothApplication", "keys", "list",
				"--ticketbooth.home=" + properties.home(), "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=" + databaseUser)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
		String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String errors = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (databaseUrl.startsWith("jdbc:h2:")) {
			assertThat(cli.exitValue()).as(out + errors).isEqualTo(1);
			assertThat(errors).contains("open in a running server", "Stop the server", "/api/admin/keys")
				.doesNotContain("Exception");
		}
		else {
			assertThat(cli.exitValue()).as(errors).isZero();
			assertThat(out).contains("ACTIVE");
		}

		Http http = new Http(port);
		String before = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
		assertThat(http.send(http.admin("/api/admin/keys/rotate?force=true").POST(BodyPublishers.noBody())).statusCode())
			.isEqualTo(200);
		assertThat(ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isNotEqualTo(before);
	}
}
