package dev.ticketbooth.oidc;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketbooth.FixedPortServer;
import dev.ticketbooth.Http;
import dev.ticketbooth.Jose;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * npm's openid-client against the running server: discovery, authorization code + PKCE through
 * our login form, token exchange, userinfo and refresh; npm's jose verifies the ID and access
 * tokens against our JWKS.
 */
@TicketboothServerTest
class OidcEndToEndTests extends FixedIssuerServer {

	static final String REDIRECT = "http://127.0.0.1:9999/callback";

	@Autowired
	OidcClients clients;

	@Autowired
	EndUsers users;

	@Autowired
	Catalog catalog;

	@Autowired
	Grants grants;

	@Autowired
	Entitlements entitlements;

	@Autowired
	Partners partners;

	@Autowired
	MutableClock clock;

	@Test
	void openIdClientCompletesTheFlowAndJoseVerifiesVimondEnrichedTokens() {
		String s = UUID.randomUUID().toString().substring(0, 8);
		// confidential: PKCE is required all the same
		String secret = clients.create(new OidcClients.ClientRequest("vimond-app-" + s, "Vimond app", false,
				List.of("authorization_code", "refresh_token"), List.of(REDIRECT), List.of("openid", "profile"), false, "vimond",
				null, null, null, true, null, null, null)).secret();
		EndUser user = users.create("viewer-" + s, "long-enough-pw", true, true);
		catalog.createCollection("pkg-" + s, CollectionKind.PACKAGE, "Sports", "54", null);
		catalog.createVideo("asset-" + s, "Film");
		grants.save(new GrantRequest(user.username(), "pkg-" + s, null, "subscription", "4k", 5, null, null, null));
		grants.save(new GrantRequest(user.username(), null, "asset-" + s, "rental", "hd", 1, null,
				clock.instant().plusSeconds(86400).toString(), null));
		entitlements.setRoles(user.username(), List.of("vimond:geoblock"));

		Map<String, Object> flow = Jose.script("oidc-flow.mjs", FixedPortServer.issuer(), "vimond-app-" + s, REDIRECT,
				user.username(), "long-enough-pw", "openid profile", secret);
		assertThat(flow).as(flow.toString()).containsEntry("ok", true);
		assertThat(flow.get("jwks_uri")).isEqualTo(FixedPortServer.issuer() + "/.well-known/jwks.json");
		assertThat(flow).containsEntry("refresh_token_issued", true);
		Map<String, Object> id = map(flow.get("id_claims"));
		assertThat(id).containsEntry("sub", user.id()).containsEntry("iss", FixedPortServer.issuer()).containsKey("nonce");
		assertThat(map(flow.get("userinfo"))).containsEntry("sub", user.id());
		assertThat(map(flow.get("access_header"))).containsEntry("typ", "at+jwt").containsEntry("alg", "RS256");
		Map<String, Object> access = map(flow.get("access_claims"));
		assertThat(access).containsEntry("sub", user.id()).containsEntry("https://vimond/geoblock", Map.of("bypass", true));
		assertThat(access.get("https://vimond/entitlements").toString())
			.isEqualTo("[{svod=54, quality=4k, streamcount=5}, {tvod={a=[asset-" + s + "]}, quality=hd, streamcount=1}]");
		assertThat(map(flow.get("refreshed_access_claims"))).containsEntry("sub", user.id())
			.containsKey("https://vimond/entitlements");
		assertThat(flow).containsEntry("refresh_rotated", true);
	}

	@Test
	void twoThousandRentalsStayUnderTheHeaderBudgetAndTheRestIsAnsweredByTheOverflowEndpoint() throws Exception {
		String s = UUID.randomUUID().toString().substring(0, 8);
		clients.create(new OidcClients.ClientRequest("bulk-app-" + s, null, true, List.of("authorization_code"),
				List.of(REDIRECT), List.of("openid"), false, "vimond", null, null, null, null, null, null, null));
		EndUser user = users.create("binge-" + s, "long-enough-pw", true, true);
		List<GrantRequest> rentals = new ArrayList<>();
		Instant start = clock.instant().minusSeconds(3 * 86400);
		for (int i = 0; i < 2000; i++) {
			String video = String.valueOf(500000 + i) + s.hashCode() % 7;
			catalog.createVideo(video, "Rental " + i);
			rentals.add(new GrantRequest(user.username(), null, video, "rental", "hd", 1, start.plusSeconds(i).toString(),
					clock.instant().plusSeconds(86400).toString(), null));
		}
		grants.importAll(rentals);
		String password = partners.create(new PartnerRequest("vimond-" + s, "vimond", null, null, null, null, null,
				null, null, null, "vimond-" + s, null, false, null, null)).callbackPassword();

		Map<String, Object> flow = Jose.script("oidc-flow.mjs", FixedPortServer.issuer(), "bulk-app-" + s, REDIRECT,
				user.username(), "long-enough-pw", "openid");
		assertThat(flow).as(flow.toString()).containsEntry("ok", true);
		assertThat(flow).as("a client without the refresh_token grant gets no refresh token")
			.containsEntry("refresh_token_issued", false);
		String token = (String) flow.get("access_token");
		assertThat(("Authorization: Bearer " + token).length()).isLessThan(8192);
		Map<String, Object> access = map(flow.get("access_claims"));
		assertThat(access).containsEntry("https://vimond/has_more_tvod", true);
		String claim = access.get("https://vimond/entitlements").toString();
		String newest = rentals.get(1999).video();
		String oldest = rentals.get(0).video();
		assertThat(claim).contains(newest).doesNotContain(oldest + ",", oldest + "]");

		Http http = new Http(FixedPortServer.PORT);
		HttpResponse<String> overflow = http.send(http.request("/vimond/entitlements?user=" + user.id() + "&asset=" + oldest)
			.header("Authorization", Http.basic("vimond-" + s, password)));
		assertThat(overflow.statusCode()).as(overflow.body()).isEqualTo(200);
		assertThat(overflow.body()).contains("\"entitled\":true");
		assertThat(http.send(http.request("/vimond/entitlements?user=" + user.id() + "&asset=not-held")
			.header("Authorization", Http.basic("vimond-" + s, password))).body()).contains("\"entitled\":false");
		assertThat(http.send(http.request("/vimond/entitlements?user=" + user.id() + "&asset=" + oldest)
			.header("Authorization", Http.basic("vimond-" + s, "wrong"))).statusCode()).isEqualTo(401);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}
}
