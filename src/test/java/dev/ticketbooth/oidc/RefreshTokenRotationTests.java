package dev.ticketbooth.oidc;

import java.util.List;
import java.util.Map;

import dev.ticketbooth.FixedPortServer;
import dev.ticketbooth.Jose;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native phone app (a public client, as {@code demo-app} is registered) with npm's
 * openid-client: its refresh tokens rotate on every use, and a rotated one replayed (a stolen
 * copy) ends the whole sign-in, so the thief's and the viewer's next refresh both fail.
 */
@TicketboothServerTest
class RefreshTokenRotationTests extends FixedIssuerServer {

	static final String REDIRECT = "http://127.0.0.1:9999/callback";

	@Autowired
	OidcClients clients;

	@Autowired
	EndUsers users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPublicNativeAppsRefreshTokensRotateAndAReplayedOneEndsTheSignIn() {
		String s = Viewers.suffix();
		String clientId = nativeApp(s);
		EndUser user = users.create("phone-" + s, Viewers.PASSWORD, true, true);

		Map<String, Object> flow = Jose.script("native-app.mjs", "refresh", FixedPortServer.issuer(), clientId, REDIRECT,
				user.username(), Viewers.PASSWORD, "openid profile");
		assertThat(flow).as(flow.toString()).containsEntry("ok", true);
		assertThat(flow).containsEntry("refresh_token_issued", true).containsEntry("rotated", true)
			.containsEntry("rotated_again", true).containsEntry("refreshed_id_token", true);
		assertThat(map(flow.get("refreshed_access_claims"))).containsEntry("sub", user.id()).containsEntry("aud", clientId);
		assertThat(flow).as("the thief's replay").containsEntry("reuse_error", "invalid_grant");
		assertThat(flow).as("the viewer's current token, after the replay").containsEntry("current_after_reuse_error",
				"invalid_grant");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?").param(user.username())
			.query(Long.class).single()).as("the whole authorization is gone").isZero();
	}

	@Test
	void oneRefreshTokenSentSeveralTimesAtOnceLeavesNoWorkingRefreshToken() {
		String s = Viewers.suffix();
		String clientId = nativeApp(s);
		EndUser user = users.create("racer-" + s, Viewers.PASSWORD, true, true);
		Map<String, Object> flow = Jose.script("native-app.mjs", "race", FixedPortServer.issuer(), clientId, REDIRECT,
				user.username(), Viewers.PASSWORD, "openid");
		assertThat(flow).as(flow.toString()).containsEntry("ok", true);
		assertThat((List<?>) flow.get("race_errors")).as(flow.toString()).allMatch("invalid_grant"::equals);
		// whichever copies got through, using them shows the reuse: the sign-in ends for all
		assertThat((List<?>) flow.get("after_race")).as(flow.toString()).filteredOn("succeeded"::equals).hasSizeLessThanOrEqualTo(1);
		assertThat((List<?>) flow.get("finally")).as(flow.toString()).allMatch("invalid_grant"::equals);
	}

	private String nativeApp(String suffix) {
		String clientId = "native-" + suffix;
		clients.create(new OidcClients.ClientRequest(clientId, "Phone app", true, List.of("authorization_code", "refresh_token"),
				List.of(REDIRECT), List.of("openid", "profile"), false, "vimond", null, null, null, null, null, 30L * 86400, null,
				7L * 86400, null, null, null));
		return clientId;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}
}
