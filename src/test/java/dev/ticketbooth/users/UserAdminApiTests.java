package dev.ticketbooth.users;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import static dev.ticketbooth.ProblemAssertions.assertProblem;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@TicketboothServerTest
class UserAdminApiTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void setUp() {
		http = new Http(port);
	}

	@Test
	void usersAreCreatedWithArgon2idHashesAndCanSignIn() throws Exception {
		String username = "api-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = post("{\"username\":\"" + username + "\",\"password\":\"long-enough-pw\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).contains("\"id\"", "\"enabled\":true").doesNotContain("long-enough-pw", "password");
		String hash = jdbc.sql("SELECT password_hash FROM end_users WHERE username = ?").param(username).query(String.class)
			.single();
		assertThat(hash).startsWith("$argon2id$");
		assertThat(new WebSession(port).login(username, "long-enough-pw").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

		HttpResponse<String> disabled = http.send(http.admin("/api/admin/users/" + username)
			.header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString("{\"enabled\":false}")));
		assertThat(disabled.body()).contains("\"enabled\":false");
		assertThat(new WebSession(port).login(username, "long-enough-pw").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/login?disabled"));
	}

	@Test
	void badInputIsA4xxWithACode() throws Exception {
		String username = "api-" + UUID.randomUUID().toString().substring(0, 8);
		assertProblem(post("{\"username\":\"" + username + "\",\"password\":\"short\"}"), 400, "invalid-password");
		assertProblem(post("{\"username\":\"has space\",\"password\":\"long-enough-pw\"}"), 400, "invalid-username");
		assertThat(post("{\"username\":\"" + username + "\",\"password\":\"long-enough-pw\"}").statusCode()).isEqualTo(201);
		assertProblem(post("{\"username\":\"" + username + "\",\"password\":\"long-enough-pw\"}"), 409, "user-exists");
		assertProblem(http.send(http.admin("/api/admin/users/nobody-here")), 404, "unknown-user");
		assertProblem(post("[1,2"), 400, "malformed-request");
	}

	private HttpResponse<String> post(String json) {
		return http.send(http.admin("/api/admin/users").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json)));
	}
}
