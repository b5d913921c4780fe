package dev.ticketbooth.oidc;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered clients are cached per node for {@code ticketbooth.decisions.cache-ttl}: a change
 * made on another node (here: straight in the shared database) is seen within that period, one
 * made through this node's API at once.
 */
@TicketboothServerTest
class CachedRegisteredClientsTests {

	@LocalServerPort
	int port;

	@Autowired
	OidcClients oidcClients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Value("${ticketbooth.decisions.cache-ttl:5s}")
	Duration cacheTtl;

	@Test
	void aSecretChangedOnAnotherNodeIsSeenWithinTheCachePeriod() throws Exception {
		Http http = new Http(port);
		OAuthClients.Client client = create();
		assertThat(token(http, client).statusCode()).isEqualTo(200); // now cached

		String newSecret = UUID.randomUUID() + "-" + UUID.randomUUID();
		jdbc.sql("UPDATE oauth2_registered_client SET client_secret = ? WHERE client_id = ?")
			.params(secrets.encoder().encode(newSecret), client.id()).update();
		assertThat(token(http, client).statusCode()).as("the old secret works within the cache period").isEqualTo(200);

		clock.advance(cacheTtl.plusSeconds(1));
		assertThat(token(http, client).statusCode()).isEqualTo(401);
		assertThat(token(http, new OAuthClients.Client(client.id(), newSecret)).statusCode()).isEqualTo(200);
	}

	@Test
	void aClientDeletedOnAnotherNodeStopsWithinTheCachePeriodAndTheTokensItGotMeanwhileDoNotWork() throws Exception {
		Http http = new Http(port);
		OAuthClients.Client client = create();
		assertThat(token(http, client).statusCode()).isEqualTo(200);

		jdbc.sql("DELETE FROM oauth2_registered_client WHERE client_id = ?").param(client.id()).update();
		HttpResponse<String> late = token(http, client);
		assertThat(late.statusCode()).as("still cached on this node").isEqualTo(200);
		String lateToken = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(late.body()).get("access_token");
		assertProblem(ClientCredentialsTokenTests.decide(http, lateToken), 401, "invalid-token");

		clock.advance(cacheTtl.plusSeconds(1));
		assertThat(token(http, client).statusCode()).isEqualTo(401);
	}

	@Test
	void aSecretRotatedOrAClientDeletedOnThisNodeIsSeenAtOnce() throws Exception {
		Http http = new Http(port);
		OAuthClients.Client client = create();
		assertThat(token(http, client).statusCode()).isEqualTo(200);

		String rotated = oidcClients.rotateSecret(client.id());
		assertThat(token(http, client).statusCode()).isEqualTo(401);
		OAuthClients.Client current = new OAuthClients.Client(client.id(), rotated);
		assertThat(token(http, current).statusCode()).isEqualTo(200);

		assertThat(http.send(http.admin("/api/admin/clients/" + client.id()).DELETE()).statusCode()).isEqualTo(204);
		assertThat(token(http, current).statusCode()).isEqualTo(401);
	}

	@Test
	void anUnknownClientIsNotRememberedAsUnknown() throws Exception {
		Http http = new Http(port);
		String id = "cache-new-" + UUID.randomUUID();
		assertThat(token(http, new OAuthClients.Client(id, "x".repeat(43))).statusCode()).isEqualTo(401);
		OidcClients.Created created = oidcClients.create(new OidcClients.ClientRequest(id, null, false, null, null,
				List.of("playback:decide"), null, null, null, null, null, null, null, null, null));
		assertThat(token(http, new OAuthClients.Client(id, created.secret())).statusCode()).isEqualTo(200);
	}

	private OAuthClients.Client create() {
		String id = "cache-" + UUID.randomUUID();
		OidcClients.Created created = oidcClients.create(new OidcClients.ClientRequest(id, null, false, null, null,
				List.of("playback:decide"), null, null, null, null, null, null, null, null, null));
		return new OAuthClients.Client(id, created.secret());
	}

	private static HttpResponse<String> token(Http http, OAuthClients.Client client) {
		return http.send(http.request("/oauth2/token").header("Authorization", Http.basic(client.id(), client.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials&scope=playback:decide")));
	}
}
