package dev.ticketbooth.playback;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.config.TicketboothProperties;
import dev.ticketbooth.keys.JwsSigner;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.keys.RingKey;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token confusion and tokens that outlive their revocation at {@code /api/v1/*}: only our access
 * tokens ({@code typ at+jwt}) still in force are accepted; playback tokens signed by the same
 * keys, revoked tokens and tokens of deleted clients get 401 {@code invalid-token}.
 */
@TicketboothServerTest
class ApiTokenAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	Viewers viewers;

	@Autowired
	KeyRing ring;

	@Autowired
	TicketboothProperties properties;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	MutableClock clock;

	@Value("${ticketbooth.decisions.cache-ttl:5s}")
	java.time.Duration cacheTtl;

	@Test
	void aPlaybackTokenOrAnyOtherJwtSignedByOurKeysIsNoAccessToken() throws Exception {
		Http http = new Http(port);
		String s = Viewers.suffix();
		Viewers.Viewer viewer = viewers.purchased("confused", s);
		viewers.kinescope("kin-" + s);
		var minter = OAuthClients.register(clients, passwordEncoder, "playback:mint");
		HttpResponse<String> minted = http.send(http.request("/api/v1/playback-tokens")
			.header("Authorization", "Bearer " + OAuthClients.accessToken(http, minter, "playback:mint"))
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSONObjectUtils
				.toJSONString(Map.of("partner", "kin-" + s, "user", viewer.user().username(), "video", viewer.video())))));
		assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
		String playbackToken = (String) JSONObjectUtils.parse(minted.body()).get("token");

		// the same keys, our issuer, and the scopes an attacker would want: only the type says what it is
		RingKey key = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256);
		Map<String, Object> claims = new LinkedHashMap<>();
		long now = Instant.now().getEpochSecond();
		claims.put("iss", properties.issuer());
		claims.put("sub", "attacker");
		claims.put("scope", "playback:mint playback:decide");
		claims.put("iat", now);
		claims.put("exp", now + 300);
		String typedJwt = JwsSigner.sign(key, key.kid(), claims);

		for (String token : new String[] { playbackToken, typedJwt }) {
			String decision = JSONObjectUtils.toJSONString(Map.of("token", playbackToken, "video", viewer.video()));
			assertProblem(http.send(http.request("/api/v1/decisions").header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json").POST(BodyPublishers.ofString(decision))), 401, "invalid-token");
			assertProblem(http.send(http.request("/api/v1/playback-tokens").header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(
						Map.of("partner", "kin-" + s, "user", viewer.user().username(), "video", viewer.video()))))),
					401, "invalid-token");
		}
	}

	@Test
	void aRevokedAccessTokenIsRefusedWithinTheCachePeriod() throws Exception {
		Http http = new Http(port);
		var client = OAuthClients.register(clients, passwordEncoder, "playback:decide");
		String token = OAuthClients.accessToken(http, client, "playback:decide");
		assertThat(decide(http, token).statusCode()).isEqualTo(200);

		HttpResponse<String> revoked = http.send(http.request("/oauth2/revoke").header("Authorization",
				Http.basic(client.id(), client.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString("token=" + token)));
		assertThat(revoked.statusCode()).isEqualTo(200);
		clock.advance(cacheTtl.plusSeconds(1));
		assertProblem(decide(http, token), 401, "invalid-token");
	}

	@Test
	void theTokensOfADeletedClientAreRefusedWithinTheCachePeriod() throws Exception {
		Http http = new Http(port);
		String id = "deleted-" + Viewers.suffix();
		HttpResponse<String> created = http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"" + id + "\",\"scopes\":[\"playback:decide\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = (String) JSONObjectUtils.parse(created.body()).get("client_secret");
		String token = OAuthClients.accessToken(http, new OAuthClients.Client(id, secret), "playback:decide");
		assertThat(decide(http, token).statusCode()).isEqualTo(200);

		assertThat(http.send(http.admin("/api/admin/clients/" + id).DELETE()).statusCode()).isEqualTo(204);
		clock.advance(cacheTtl.plusSeconds(1));
		assertProblem(decide(http, token), 401, "invalid-token");
	}

	private HttpResponse<String> decide(Http http, String bearer) {
		return http.send(http.request("/api/v1/decisions").header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"token\":\"not-a-token\",\"video\":\"none\"}")));
	}
}
