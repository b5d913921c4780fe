package dev.ticketbooth.oidc;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.AtOnce;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/admin/clients}: what Spring Authorization Server's storage cannot keep is a clear 4xx, never a 500. */
@TicketboothServerTest
class ClientAdminApiTests {

	final Http http;

	final String s = Viewers.suffix();

	ClientAdminApiTests(@LocalServerPort int port) {
		this.http = new Http(port);
	}

	@Test
	void clientsCreatedAtTheSameMomentWithOneIdGiveOneClientAndConflicts() throws Exception {
		for (int round = 0; round < 5; round++) {
			String clientId = "twin-" + round + "-" + s;
			List<HttpResponse<String>> responses = AtOnce.send(http, 8, () -> create(Map.of("client_id", clientId)));
			AtOnce.assertCreatedOnce(responses, "client-exists");
			assertThat(http.send(http.admin("/api/admin/clients/" + clientId)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aSecretThatAnotherClientHasIsRefused() throws Exception {
		// Spring Authorization Server refuses a second client with the same stored secret hash
		String secret = "shared-" + s + "-0123456789abcdef";
		HttpResponse<String> first = http.send(create(Map.of("client_id", "first-" + s, "secret", secret)));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertProblem(http.send(create(Map.of("client_id", "second-" + s, "secret", secret))), 400, "invalid-secret");
		assertProblem(http.send(http.admin("/api/admin/clients/second-" + s)), 404, "unknown-client");
	}

	@ParameterizedTest
	@ValueSource(strings = { "read,write", "read write", "read\twrite", "read\nwrite", "" })
	void aScopeThatStorageWouldSplitIsRefused(String scope) throws Exception {
		// Spring Authorization Server keeps a client's scopes comma-joined in one column
		String clientId = "scoped-" + s;
		assertProblem(http.send(create(Map.of("client_id", clientId, "scopes", List.of("openid", scope)))), 400,
				"invalid-scope");
		assertProblem(http.send(http.admin("/api/admin/clients/" + clientId)), 404, "unknown-client");
	}

	@Test
	void scopesWithOtherPunctuationAreKeptAsGiven() throws Exception {
		List<String> scopes = List.of("openid", "api:read", "https://api.example.com/videos.read");
		HttpResponse<String> created = http.send(create(Map.of("client_id", "punctuated-" + s, "scopes", scopes)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> fetched = http.send(http.admin("/api/admin/clients/punctuated-" + s));
		assertThat(JSONObjectUtils.getStringList(JSONObjectUtils.parse(fetched.body()), "scopes"))
			.containsExactlyInAnyOrderElementsOf(scopes);
	}

	private HttpRequest.Builder create(Map<String, Object> client) {
		return http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(client)));
	}
}
