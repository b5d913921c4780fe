package dev.ticketbooth.oidc;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who is disabled or deleted while signed in, with a browser session and a confidential
 * client's refresh token (Vimond entitlements in its access tokens): after the change, no code,
 * no refresh, no {@code /userinfo}, and no session left in the shared database.
 */
@TicketboothServerTest
class LockedOutUserAttackTests {

	static final String REDIRECT = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	@Autowired
	OidcClients clients;

	@Autowired
	EndUsers users;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "disable", "delete" })
	void aLockedOutUserGetsNoCodeNoRefreshAndNoUserinfo(String change) throws Exception {
		String s = UUID.randomUUID().toString().substring(0, 8);
		String username = "locked-" + s;
		users.create(username, "long-enough-pw", true, true);
		String clientId = "vimond-app-" + s;
		String secret = clients.create(new OidcClients.ClientRequest(clientId, null, false,
				List.of("authorization_code", "refresh_token"), List.of(REDIRECT), List.of("openid"), false, "vimond", null,
				null, null, null, null, null, null)).secret();
		WebSession browser = new WebSession(port);
		assertThat(browser.login(username, "long-enough-pw").statusCode()).isEqualTo(302);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString((s + UUID.randomUUID()).repeat(2)
			.getBytes(StandardCharsets.US_ASCII));
		String authorizePath = "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=openid&state=st"
				+ "&redirect_uri=" + WebSession.encode(REDIRECT) + "&code_challenge=" + Base64.getUrlEncoder().withoutPadding()
					.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)))
				+ "&code_challenge_method=S256";
		String code = URI.create(browser.get(authorizePath).headers().firstValue("Location").orElseThrow()).getQuery()
			.replaceAll(".*code=([^&]+).*", "$1");
		HttpResponse<String> issued = token(clientId, secret, "grant_type=authorization_code&code=" + code
				+ "&redirect_uri=" + WebSession.encode(REDIRECT) + "&code_verifier=" + verifier);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		Map<String, Object> tokens = JSONObjectUtils.parse(issued.body());
		HttpResponse<String> refreshed = token(clientId, secret, "grant_type=refresh_token&refresh_token="
				+ tokens.get("refresh_token"));
		assertThat(refreshed.statusCode()).as("refresh works while the account is active").isEqualTo(200);
		String refreshToken = (String) JSONObjectUtils.parse(refreshed.body()).get("refresh_token");
		String accessToken = (String) JSONObjectUtils.parse(refreshed.body()).get("access_token");
		assertThat(sessionsOf(username)).isPositive();

		Http http = new Http(port);
		HttpResponse<String> changed = change.equals("disable")
				? http.send(http.admin("/api/admin/users/" + username).header("Content-Type", "application/json")
					.method("PATCH", BodyPublishers.ofString("{\"enabled\":false}")))
				: http.send(http.admin("/api/admin/users/" + username).DELETE());
		assertThat(changed.statusCode()).isIn(200, 204);

		HttpResponse<String> again = browser.get(authorizePath);
		assertThat(again.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).doesNotContain("code=").endsWith("/login"));
		HttpResponse<String> refreshAfter = token(clientId, secret, "grant_type=refresh_token&refresh_token=" + refreshToken);
		assertThat(refreshAfter.statusCode()).isEqualTo(400);
		assertThat(refreshAfter.body()).contains("invalid_grant");
		assertThat(http.send(http.request("/userinfo").header("Authorization", "Bearer " + accessToken)).statusCode())
			.isEqualTo(401);
		assertThat(sessionsOf(username)).as("sessions on every node: the shared table").isZero();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?").param(username)
			.query(Long.class).single()).isZero();
	}

	private long sessionsOf(String username) {
		return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?").param(username).query(Long.class)
			.single();
	}

	private HttpResponse<String> token(String clientId, String secret, String form) {
		Http http = new Http(port);
		return http.send(http.request("/oauth2/token").header("Authorization", Http.basic(clientId, secret))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form)));
	}
}
