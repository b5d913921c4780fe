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

	@Test
	void aTvClientRegistersTheDeviceGrantWithItsCodeLifetimeAndRefreshTimeouts() throws Exception {
		HttpResponse<String> created = http.send(create(Map.of("client_id", "tv-api-" + s, "public_client", true,
				"grant_types", List.of("urn:ietf:params:oauth:grant-type:device_code", "refresh_token"), "scopes",
				List.of("openid", "profile"), "device_code_seconds", 300, "refresh_token_seconds", 30 * 86400,
				"refresh_token_idle_seconds", 7 * 86400)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Map<String, Object> view = JSONObjectUtils.parse(http.send(http.admin("/api/admin/clients/tv-api-" + s)).body());
		assertThat(JSONObjectUtils.getStringList(view, "grant_types"))
			.containsExactly("refresh_token", "urn:ietf:params:oauth:grant-type:device_code");
		assertThat(view).containsEntry("device_code_seconds", 300L).containsEntry("refresh_token_seconds", 30L * 86400)
			.containsEntry("refresh_token_idle_seconds", 7L * 86400);
		assertThat(view.get("client_secret")).as("a public client has no secret").isNull();
	}

	@Test
	void refreshAndDeviceLifetimesOutOfBoundsAreRefused() throws Exception {
		assertProblem(http.send(create(Map.of("client_id", "idle-" + s, "public_client", true, "redirect_uris",
				List.of("myapp://cb"), "refresh_token_seconds", 86400, "refresh_token_idle_seconds", 2 * 86400))), 400,
				"invalid-token-lifetime");
		assertProblem(http.send(create(Map.of("client_id", "device-" + s, "public_client", true, "grant_types",
				List.of("urn:ietf:params:oauth:grant-type:device_code"), "device_code_seconds", 10))), 400,
				"invalid-token-lifetime");
		assertProblem(http.send(create(Map.of("client_id", "grant-" + s, "grant_types", List.of("password")))), 400,
				"invalid-grant-types");
	}

	@Test
	void postLogoutRedirectUrisFollowTheRedirectRules() throws Exception {
		assertProblem(http.send(create(Map.of("client_id", "logout-" + s, "public_client", true, "redirect_uris",
				List.of("myapp://cb"), "post_logout_redirect_uris", List.of("javascript:alert(1)")))), 400,
				"invalid-redirect-uri");
		HttpResponse<String> created = http.send(create(Map.of("client_id", "logout-ok-" + s, "public_client", true,
				"redirect_uris", List.of("myapp://cb"), "post_logout_redirect_uris", List.of("myapp://signed-out"),
				"logout_revokes_tokens", true)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(JSONObjectUtils.getStringList(JSONObjectUtils.parse(created.body()), "post_logout_redirect_uris"))
			.containsExactly("myapp://signed-out");
	}

	private HttpRequest.Builder create(Map<String, Object> client) {
		return http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(client)));
	}
}
