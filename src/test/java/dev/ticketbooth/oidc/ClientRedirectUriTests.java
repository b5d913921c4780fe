package dev.ticketbooth.oidc;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirect URIs of OAuth clients registered through {@code POST /api/admin/clients}: the same
 * rules as Applicaster providers, so a URI that merely starts like a loopback address, hides a
 * host behind user info, or uses a script-like scheme is refused before Spring Authorization
 * Server ever compares against it.
 */
@TicketboothServerTest
class ClientRedirectUriTests {

	final Http http;

	final String s = Viewers.suffix();

	ClientRedirectUriTests(@LocalServerPort int port) {
		this.http = new Http(port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost.evil.example/cb", "http://127.0.0.1.nip.io/cb", "http://localhost@evil.example/cb",
			"http://127.0.0.1:9999@evil.example/cb", "http://[::1].evil.example/cb", "http://localhost:80.evil.example/cb",
			"data://x/y", "javascript://x/%0aalert(1)", "file:///etc/passwd", "HTTP://evil.example/cb", "http://evil.example/cb",
			"https://app.example.com/a/../cb", "https://app.example.com/%2e%2e/cb", "https://user@app.example.com/cb",
			"https://app.example.com/cb#frag", "https://app.example.com/cb?next=1,http://evil.example/cb", "myapp:opaque",
			"relative/path", "https://*.example.com/cb" })
	void unsafeRedirectUrisCannotBeRegistered(String uri) throws Exception {
		String clientId = "redirect-" + s;
		assertProblem(create(clientId, List.of("https://app.example.com/ok", uri)), 400, "invalid-redirect-uri");
		assertProblem(http.send(http.admin("/api/admin/clients/" + clientId)), 404, "unknown-client");
	}

	@Test
	void loopbackOnAnyPortHttpsAndAppSchemesAreAccepted() throws Exception {
		List<String> uris = List.of("http://127.0.0.1:53682/cb", "http://[::1]:8080/cb", "http://localhost/cb",
				"https://app.example.com/cb?x=1", "myapp://auth/callback");
		HttpResponse<String> created = create("loopback-" + s, uris);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(JSONObjectUtils.getStringList(JSONObjectUtils.parse(created.body()), "redirect_uris"))
			.containsExactlyInAnyOrderElementsOf(uris);
	}

	@Test
	void theRedirectUrisMustFitTheirColumn() throws Exception {
		// Spring Authorization Server stores them comma-joined in a varchar(1000)
		List<String> uris = List.of("https://app.example.com/" + "a".repeat(600), "https://app.example.com/" + "b".repeat(600));
		assertProblem(create("long-" + s, uris), 400, "invalid-redirect-uri");
	}

	private HttpResponse<String> create(String clientId, List<String> redirectUris) {
		String body = JSONObjectUtils.toJSONString(Map.of("client_id", clientId, "public_client", true, "redirect_uris",
				redirectUris));
		return http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)));
	}
}
