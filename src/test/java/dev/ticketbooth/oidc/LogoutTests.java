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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RP-initiated logout driven by npm's openid-client ({@code end_session_endpoint} from
 * discovery): the login session ends, the viewer goes back only to a post-logout URI registered
 * exactly, and a client registered with {@code logout_revokes_tokens} loses its tokens too.
 */
@TicketboothServerTest
class LogoutTests extends FixedIssuerServer {

	static final String REDIRECT = "http://127.0.0.1:9999/callback";

	static final String SIGNED_OUT = "http://127.0.0.1:9999/signed-out";

	@Autowired
	OidcClients clients;

	@Autowired
	EndUsers users;

	@Test
	void logoutEndsTheSessionAndTheClientsTokensWhenItAsks() {
		Map<String, Object> flow = logout(true);
		assertThat(flow).as(flow.toString()).containsEntry("ok", true);
		assertThat(flow).containsEntry("end_session_endpoint", FixedPortServer.issuer() + "/connect/logout");
		assertThat(flow.get("unregistered_location") == null
				|| !flow.get("unregistered_location").toString().startsWith("https://evil.example"))
			.as("never redirected to an unregistered URI: " + flow).isTrue();
		assertThat(((Number) flow.get("unregistered_status")).intValue()).isEqualTo(400);
		assertThat(flow).containsEntry("logout_status", 302L).containsEntry("logout_location", SIGNED_OUT + "?state=bye");
		assertThat(flow).as("the login session ended").containsEntry("signed_in_after_logout", false);
		assertThat(flow).as("the client asked for its tokens to end").containsEntry("refresh_after_logout_error",
				"invalid_grant");
	}

	@Test
	void logoutKeepsTheAppsRefreshTokenUnlessTheClientAsks() {
		Map<String, Object> flow = logout(false);
		assertThat(flow).as(flow.toString()).containsEntry("ok", true);
		assertThat(flow).containsEntry("signed_in_after_logout", false).containsEntry("refresh_after_logout_error", "succeeded");
	}

	private Map<String, Object> logout(boolean revokesTokens) {
		String s = Viewers.suffix();
		String clientId = "leaving-" + s;
		clients.create(new OidcClients.ClientRequest(clientId, "Leaving app", true, List.of("authorization_code", "refresh_token"),
				List.of(REDIRECT), List.of("openid", "profile"), false, null, null, null, null, null, null, null, null, null,
				null, List.of(SIGNED_OUT), revokesTokens));
		EndUser user = users.create("leaver-" + s, Viewers.PASSWORD, true, true);
		return Jose.script("native-app.mjs", "logout", FixedPortServer.issuer(), clientId, REDIRECT, user.username(),
				Viewers.PASSWORD, "openid profile", SIGNED_OUT);
	}
}
