package dev.ticketbooth.oidc;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client-credentials access tokens are not stored in {@code oauth2_authorization}, yet still work
 * at {@code /api/v1}, introspect while they stand, and end when revoked by their own client (a
 * deny list of {@code jti}s shared by every node) or when their client is deleted.
 */
@TicketboothServerTest
class ClientCredentialsTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	AuthorizationCleanup cleanup;

	@Value("${ticketbooth.decisions.cache-ttl:5s}")
	Duration cacheTtl;

	@Test
	void aTokenIsNotStoredYetWorksIntrospectsAndIsRevokedByItsClient() throws Exception {
		Http http = new Http(port);
		var client = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String token = OAuthClients.accessToken(http, client, "playback:decide");
		assertThat(storedAuthorizations(client.id())).isZero();
		assertThat(decide(http, token).statusCode()).isEqualTo(200);

		Map<String, Object> active = introspect(http, client, token);
		assertThat(active).containsEntry("active", true).containsEntry("client_id", client.id())
			.containsEntry("sub", client.id()).containsEntry("scope", "playback:decide").containsKeys("jti", "exp", "iat");

		assertThat(revoke(http, client, token).statusCode()).isEqualTo(200);
		assertThat(denied(claim(token, "jti"))).isEqualTo(1);
		assertThat(introspect(http, client, token)).containsEntry("active", false);
		assertThat(revoke(http, client, token).statusCode()).as("revoking again is harmless").isEqualTo(200);
		clock.advance(cacheTtl.plusSeconds(1));
		assertProblem(decide(http, token), 401, "invalid-token");
		assertThat(storedAuthorizations(client.id())).isZero();
	}

	@Test
	void aRevocationHintedAsAnAccessTokenFindsIt() throws Exception {
		Http http = new Http(port);
		var client = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String token = OAuthClients.accessToken(http, client, "playback:decide");
		HttpResponse<String> revoked = http.send(http.request("/oauth2/revoke")
			.header("Authorization", Http.basic(client.id(), client.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token")));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(introspect(http, client, token)).containsEntry("active", false);
	}

	@Test
	void aClientCannotRevokeAnotherClientsToken() throws Exception {
		Http http = new Http(port);
		var owner = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		var other = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String token = OAuthClients.accessToken(http, owner, "playback:decide");

		HttpResponse<String> refused = revoke(http, other, token);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400); // Spring answers invalid_client so
		assertThat(refused.body()).contains("invalid_client");
		assertThat(denied(claim(token, "jti"))).isZero();
		clock.advance(cacheTtl.plusSeconds(1));
		assertThat(decide(http, token).statusCode()).isEqualTo(200);
		assertThat(introspect(http, owner, token)).containsEntry("active", true);
	}

	@Test
	void theTokensOfADeletedClientEndAndDoNotComeBackWithAClientOfTheSameId() throws Exception {
		Http http = new Http(port);
		var witness = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String id = "cc-deleted-" + Viewers.suffix();
		String token = OAuthClients.accessToken(http, new OAuthClients.Client(id, createClient(http, id)), "playback:decide");
		assertThat(decide(http, token).statusCode()).isEqualTo(200);

		assertThat(http.send(http.admin("/api/admin/clients/" + id).DELETE()).statusCode()).isEqualTo(204);
		assertThat(introspect(http, witness, token)).containsEntry("active", false);
		clock.advance(cacheTtl.plusSeconds(1));
		assertProblem(decide(http, token), 401, "invalid-token");

		Thread.sleep(1100); // iat has whole seconds: the new registration must be of a later second
		String secret = createClient(http, id);
		assertThat(introspect(http, witness, token)).as("a new client of the same id does not own the old tokens")
			.containsEntry("active", false);
		clock.advance(cacheTtl.plusSeconds(1));
		assertProblem(decide(http, token), 401, "invalid-token");
		String fresh = OAuthClients.accessToken(http, new OAuthClients.Client(id, secret), "playback:decide");
		assertThat(decide(http, fresh).statusCode()).isEqualTo(200);
	}

	@Test
	void aTokenWithATamperedSignatureOrAnExpiredOneIsNotRebuilt() throws Exception {
		Http http = new Http(port);
		var client = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String token = OAuthClients.accessToken(http, client, "playback:decide");
		// the same header and claims (gty: client_credentials included) under another signature
		String[] parts = token.split("\\.");
		byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
		signature[0] ^= 1;
		String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
		assertThat(introspect(http, client, forged)).containsEntry("active", false);
		assertThat(revoke(http, client, forged).statusCode()).isEqualTo(200);
		assertThat(denied(claim(token, "jti"))).as("a forged copy revokes nothing").isZero();
		assertProblem(decide(http, forged), 401, "invalid-token");
		assertThat(decide(http, token).statusCode()).isEqualTo(200);
	}

	@Test
	void revokedTokenIdsArePrunedOnceTheTokensHaveExpired() throws Exception {
		Http http = new Http(port);
		var client = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String token = OAuthClients.accessToken(http, client, "playback:decide");
		assertThat(revoke(http, client, token).statusCode()).isEqualTo(200);
		String jti = claim(token, "jti");
		Instant expires = Instant.ofEpochSecond(((Number) JSONObjectUtils.parse(payload(token)).get("exp")).longValue());
		if (clock.instant().isBefore(expires)) { // the shared clock may have been moved far ahead by other tests
			cleanup.run();
			assertThat(denied(jti)).as("kept while the token could still be used").isEqualTo(1);
			clock.advance(Duration.between(clock.instant(), expires));
		}
		clock.advance(Duration.ofHours(2)); // past the clean-up's grace
		cleanup.run();
		assertThat(denied(jti)).isZero();
	}

	private String createClient(Http http, String id) throws Exception {
		HttpResponse<String> created = http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"" + id + "\",\"scopes\":[\"playback:decide\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return (String) JSONObjectUtils.parse(created.body()).get("client_secret");
	}

	private long storedAuthorizations(String clientId) {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE registered_client_id = "
				+ "(SELECT id FROM oauth2_registered_client WHERE client_id = ?)").param(clientId).query(Long.class).single();
	}

	private long denied(String jti) {
		return jdbc.sql("SELECT COUNT(*) FROM revoked_access_token WHERE token_id = ?").param(jti).query(Long.class).single();
	}

	private static String payload(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String claim(String token, String name) throws Exception {
		return (String) JSONObjectUtils.parse(payload(token)).get(name);
	}

	static HttpResponse<String> revoke(Http http, OAuthClients.Client caller, String token) {
		return http.send(http.request("/oauth2/revoke").header("Authorization", Http.basic(caller.id(), caller.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("token=" + token)));
	}

	static Map<String, Object> introspect(Http http, OAuthClients.Client caller, String token) throws Exception {
		HttpResponse<String> response = http.send(http.request("/oauth2/introspect")
			.header("Authorization", Http.basic(caller.id(), caller.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("token=" + token)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSONObjectUtils.parse(response.body());
	}

	static HttpResponse<String> decide(Http http, String bearer) {
		return http.send(http.request("/api/v1/decisions").header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"token\":\"not-a-token\",\"video\":\"none\"}")));
	}
}
