package dev.ticketbooth.oidc;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker with a dump or backup of the database: {@code oauth2_authorization} holds only hashes
 * of codes and tokens, and none of what it holds works at {@code /oauth2/token} or
 * {@code /userinfo}, while the real tokens the client holds keep working.
 */
@TicketboothServerTest
class TokenStorageAttackTests {

	static final String REDIRECT = "http://127.0.0.1:9999/callback";

	private static final List<String> VALUE_COLUMNS = List.of("authorization_code_value", "access_token_value",
			"oidc_id_token_value", "refresh_token_value");

	@LocalServerPort
	int port;

	@Autowired
	OidcClients clients;

	@Autowired
	EndUsers users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDatabaseDumpYieldsNoCodeOrTokenThatWorks() throws Exception {
		String s = UUID.randomUUID().toString().substring(0, 8);
		users.create("dumped-" + s, "long-enough-pw", true, true);
		String clientId = "dumped-app-" + s;
		String secret = clients.create(new OidcClients.ClientRequest(clientId, null, false,
				List.of("authorization_code", "refresh_token"), List.of(REDIRECT), List.of("openid"), false, null, null, null,
				null, null, null, null, null)).secret();
		WebSession browser = new WebSession(port);
		assertThat(browser.login("dumped-" + s, "long-enough-pw").statusCode()).isEqualTo(302);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString((s + UUID.randomUUID()).repeat(2)
			.getBytes(StandardCharsets.US_ASCII));
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId
				+ "&scope=openid&state=st&redirect_uri=" + WebSession.encode(REDIRECT) + "&code_challenge=" + challenge
				+ "&code_challenge_method=S256");
		String code = URI.create(authorize.headers().firstValue("Location").orElseThrow()).getQuery()
			.replaceAll(".*code=([^&]+).*", "$1");
		HttpResponse<String> issued = token(clientId, secret, "grant_type=authorization_code&code=" + code + "&redirect_uri="
				+ WebSession.encode(REDIRECT) + "&code_verifier=" + verifier);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		Map<String, Object> tokens = JSONObjectUtils.parse(issued.body());
		List<String> real = List.of(code, (String) tokens.get("access_token"), (String) tokens.get("refresh_token"),
				(String) tokens.get("id_token"));

		List<String> dumped = dump(clientId);
		assertThat(dumped).hasSizeGreaterThanOrEqualTo(4);
		for (String value : dumped) {
			assertThat(value).startsWith("sha256:").hasSizeLessThan(60);
			for (String token : real) {
				assertThat(value).doesNotContain(token);
			}
			assertThat(token(clientId, secret, "grant_type=refresh_token&refresh_token=" + WebSession.encode(value)).body())
				.contains("invalid_grant");
			assertThat(token(clientId, secret, "grant_type=authorization_code&code=" + WebSession.encode(value)
					+ "&redirect_uri=" + WebSession.encode(REDIRECT) + "&code_verifier=" + verifier).body())
				.contains("invalid_grant");
			assertThat(userinfo(value)).isEqualTo(401);
		}

		// what the client holds still works: look-ups go by hash
		assertThat(userinfo((String) tokens.get("access_token"))).isEqualTo(200);
		HttpResponse<String> refreshed = token(clientId, secret, "grant_type=refresh_token&refresh_token="
				+ tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		String newRefresh = (String) JSONObjectUtils.parse(refreshed.body()).get("refresh_token");
		assertThat(newRefresh).isNotBlank().isNotEqualTo(tokens.get("refresh_token"));
		assertThat(dump(clientId)).noneMatch(value -> value.contains(newRefresh));
		String rotatedAway = (String) tokens.get("refresh_token");
		assertThat(dump(clientId)).as("the rotated-away refresh token is remembered as a hash only")
			.contains(TokenHashes.hash(rotatedAway)).noneMatch(value -> value.contains(rotatedAway));
		// revocation names the token as the client holds it
		Http http = new Http(port);
		HttpResponse<String> revoked = http.send(http.request("/oauth2/revoke").header("Authorization", Http.basic(clientId, secret))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("token=" + newRefresh)));
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(token(clientId, secret, "grant_type=refresh_token&refresh_token=" + newRefresh).body()).contains("invalid_grant");
	}

	private List<String> dump(String clientId) {
		List<String> values = new ArrayList<>();
		for (String column : VALUE_COLUMNS) {
			values.addAll(jdbc.sql("SELECT " + column + " FROM oauth2_authorization WHERE " + column
					+ " IS NOT NULL AND registered_client_id = (SELECT id FROM oauth2_registered_client WHERE client_id = ?)")
				.param(clientId).query(String.class).list());
		}
		values.addAll(jdbc.sql("SELECT r.token_hash FROM oauth2_rotated_refresh_token r JOIN oauth2_authorization a"
				+ " ON a.id = r.authorization_id WHERE a.registered_client_id = (SELECT id FROM oauth2_registered_client"
				+ " WHERE client_id = ?)").param(clientId).query(String.class).list());
		return values;
	}

	private HttpResponse<String> token(String clientId, String secret, String form) {
		Http http = new Http(port);
		return http.send(http.request("/oauth2/token").header("Authorization", Http.basic(clientId, secret))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)));
	}

	private int userinfo(String accessToken) {
		Http http = new Http(port);
		return http.send(http.request("/userinfo").header("Authorization", "Bearer " + accessToken)).statusCode();
	}
}
