package dev.ticketbooth.login;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import static dev.ticketbooth.ProblemAssertions.assertProblem;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@TicketboothServerTest
class ProviderAdminApiTests {

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
	void aGeneratedSecretIsShownOnceAndStoredEncrypted() throws Exception {
		String id = "prov-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = post("/api/admin/providers", Map.of("id", id, "display_name", "My App",
				"issuer_name", "MY_CUSTOMER", "token_lifetime_seconds", 600, "redirect_uris",
				java.util.List.of("myapp://auth/callback")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Map<String, Object> view = JSONObjectUtils.parse(created.body());
		String secret = (String) view.get("secret");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		assertThat(view).containsEntry("authorization_url", "/authorize?provider=" + id);

		HttpResponse<String> fetched = http.send(http.admin("/api/admin/providers/" + id));
		assertThat(fetched.body()).contains("MY_CUSTOMER").doesNotContain(secret).doesNotContain("\"secret\"");
		assertThat(http.send(http.admin("/api/admin/providers")).body()).doesNotContain(secret);
		String stored = jdbc.sql("SELECT secret_ciphertext FROM login_providers WHERE id = ?").param(id).query(String.class)
			.single();
		assertThat(stored).doesNotContain(secret);

		HttpResponse<String> replaced = http.send(http.admin("/api/admin/providers/" + id + "/secret")
			.POST(BodyPublishers.noBody()));
		assertThat(replaced.statusCode()).isEqualTo(200);
		assertThat((String) JSONObjectUtils.parse(replaced.body()).get("secret")).isNotEqualTo(secret);
	}

	@Test
	void aSecretFromTheApplicasterCmsCanBeImported() throws Exception {
		String id = "prov-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = post("/api/admin/providers", Map.of("id", id, "issuer_name", "X",
				"redirect_uris", java.util.List.of("myapp://auth/callback"), "secret", "a".repeat(40)));
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("aaaaaaaa");
		assertProblem(post("/api/admin/providers", Map.of("id", id + "x", "issuer_name", "X", "redirect_uris",
				java.util.List.of("myapp://auth/callback"), "secret", "too-short")), 400, "invalid-secret");
		assertProblem(post("/api/admin/providers", Map.of("id", id, "issuer_name", "X", "redirect_uris",
				java.util.List.of("myapp://auth/callback"))), 409, "provider-exists");
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "https://app.example.com/cb#frag", "https://u@app.example.com/cb",
			"https://app.example.com/a/../cb", "http://app.example.com/cb", "relative/path", "data:text/html,x",
			"https://app.example.com/%2e%2e/cb", "myapp:opaque" })
	void unsafeRedirectUrisCannotBeRegistered(String uri) throws Exception {
		assertProblem(post("/api/admin/providers", Map.of("id", "bad-" + UUID.randomUUID().toString().substring(0, 8),
				"issuer_name", "X", "redirect_uris", java.util.List.of(uri))), 400, "invalid-redirect-uri");
	}

	@Test
	void unknownProvidersAre404() throws Exception {
		assertProblem(http.send(http.admin("/api/admin/providers/nope")), 404, "unknown-provider");
		assertProblem(http.send(http.admin("/api/admin/providers/nope").DELETE()), 404, "unknown-provider");
	}

	private HttpResponse<String> post(String path, Map<String, Object> body) {
		return http.send(http.admin(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
	}
}
