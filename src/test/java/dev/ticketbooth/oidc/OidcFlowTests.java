package dev.ticketbooth.oidc;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.Entitlements;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The authorization code flow's refusals, StreamAMG partial claims, the clients API and the clean-up. */
@TicketboothServerTest
class OidcFlowTests {

	static final String REDIRECT = "http://127.0.0.1:9999/callback";

	static final String OTHER_REDIRECT = "http://127.0.0.1:9999/other";

	@LocalServerPort
	int port;

	@Autowired
	OidcClients clients;

	@Autowired
	RegisteredClientRepository repository;

	@Autowired
	EndUsers users;

	@Autowired
	Catalog catalog;

	@Autowired
	Grants grants;

	@Autowired
	Entitlements entitlements;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuthorizationCleanup cleanup;

	@Autowired
	MutableClock clock;

	String s;

	WebSession browser;

	EndUser user;

	final String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().repeat(2)
		.getBytes(StandardCharsets.US_ASCII));

	@BeforeEach
	void signIn() {
		s = UUID.randomUUID().toString().substring(0, 8);
		user = users.create("oidc-" + s, "long-enough-pw", true, true);
		browser = new WebSession(port);
		assertThat(browser.login(user.username(), "long-enough-pw").statusCode()).isEqualTo(302);
	}

	String publicClient(String enrichment, List<String> streamamgClaims) {
		clients.create(new OidcClients.ClientRequest("app-" + s, null, true, null, List.of(REDIRECT, OTHER_REDIRECT),
				List.of("openid"), false, enrichment, null, null, streamamgClaims, null, null, null, null));
		return "app-" + s;
	}

	String challenge() throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	HttpResponse<String> authorize(String clientId, String redirect, String pkce) {
		return browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=openid&state=st-1&redirect_uri="
				+ WebSession.encode(redirect) + pkce);
	}

	String code(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(response.body()));
		assertThat(location).startsWith(REDIRECT).contains("state=st-1");
		return URI.create(location).getQuery().replaceAll(".*code=([^&]+).*", "$1");
	}

	HttpResponse<String> token(String clientId, String code, String redirect, String codeVerifier) {
		String form = "grant_type=authorization_code&client_id=" + clientId + "&code=" + code + "&redirect_uri="
				+ WebSession.encode(redirect) + (codeVerifier == null ? "" : "&code_verifier=" + codeVerifier);
		return new Http(port).send(new Http(port).request("/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
	}

	@Test
	void aPublicClientMustSendAnS256Challenge() throws Exception {
		String client = publicClient(null, null);
		for (String pkce : List.of("", "&code_challenge=" + verifier + "&code_challenge_method=plain",
				"&code_challenge=" + verifier)) {
			HttpResponse<String> response = authorize(client, REDIRECT, pkce);
			String location = response.headers().firstValue("Location").orElse("");
			assertThat(location).as(pkce).startsWith(REDIRECT).contains("error=invalid_request").doesNotContain("code=");
		}
	}

	@Test
	void theVerifierCannotBeDroppedOrChangedAtTheTokenEndpoint() throws Exception {
		String client = publicClient(null, null);
		String code = code(authorize(client, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		assertThat(token(client, code, REDIRECT, null).statusCode()).isIn(400, 401);
		String second = code(authorize(client, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		assertThat(token(client, second, REDIRECT, verifier + "x").body()).contains("invalid_grant");
	}

	@Test
	void aCodeWorksOnceAndReusingItRevokesWhatItGave() throws Exception {
		String client = publicClient(null, null);
		String code = code(authorize(client, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		HttpResponse<String> first = token(client, code, REDIRECT, verifier);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String accessToken = (String) JSONObjectUtils.parse(first.body()).get("access_token");
		assertThat(userinfo(accessToken)).isEqualTo(200);

		HttpResponse<String> again = token(client, code, REDIRECT, verifier);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("invalid_grant");
		assertThat(userinfo(accessToken)).as("tokens from a replayed code are withdrawn").isEqualTo(401);
	}

	@Test
	void anAppSchemeRedirectComesBackExactlyAsRegistered() throws Exception {
		String client = "sso-" + s;
		clients.create(new OidcClients.ClientRequest(client, null, true, null, List.of("myapp://sso"), List.of("openid"), false,
				null, null, null, null, null, null, null, null));
		HttpResponse<String> response = authorize(client, "myapp://sso",
				"&code_challenge=" + challenge() + "&code_challenge_method=S256");
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).startsWith("myapp://sso?code="));
	}

	@Test
	void aWrongRedirectUriIsRefusedWithoutARedirect() throws Exception {
		String client = publicClient(null, null);
		for (String redirect : List.of("http://127.0.0.1:9999/evil", REDIRECT + "/", "https://evil.example.com/callback",
				REDIRECT + "?x=1", "http://127.0.0.1:9999/callback/../callback", "http://127.0.0.1:9999/Callback",
				"http://localhost:9999/callback", "http://127.0.0.1.nip.io:9999/callback",
				"http://127.0.0.1:9999@evil.example/callback")) {
			HttpResponse<String> response = authorize(client, redirect, "&code_challenge=" + challenge() + "&code_challenge_method=S256");
			assertThat(response.statusCode()).as(redirect).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).isEmpty();
		}
		String code = code(authorize(client, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		assertThat(token(client, code, OTHER_REDIRECT, verifier).body()).contains("invalid_grant");
	}

	@Test
	void anExpiredCodeIsRefused() throws Exception {
		repository.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId("slow-" + s)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri(REDIRECT).scope("openid")
			.clientSettings(ClientSettings.builder().requireProofKey(true).build())
			.tokenSettings(TokenSettings.builder().authorizationCodeTimeToLive(Duration.ofSeconds(1)).build()).build());
		String code = code(authorize("slow-" + s, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		Thread.sleep(1500); // the authorization server checks codes against the wall clock
		HttpResponse<String> response = token("slow-" + s, code, REDIRECT, verifier);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_grant");
	}

	@Test
	void streamAmgPartialClientsSeeRolesEntitlementsAndPermissions() throws Exception {
		catalog.createCollection("premium-" + s, CollectionKind.PACKAGE, "Premium", "premium", null);
		catalog.createVideo("clip-" + s, "Clip");
		grants.save(new GrantRequest(user.username(), "premium-" + s, null, "subscription", null, null, null, null, null));
		grants.save(new GrantRequest(user.username(), null, "clip-" + s, "purchase", null, null, null, null, null));
		entitlements.setRoles(user.username(), List.of("subscriber"));
		String client = publicClient("streamamg-partial", List.of("roles", "permissions", "entitlements"));
		String code = code(authorize(client, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		Map<String, Object> tokens = JSONObjectUtils.parse(token(client, code, REDIRECT, verifier).body());
		for (String name : List.of("access_token", "id_token")) {
			Map<String, Object> claims = payload((String) tokens.get(name));
			assertThat(claims).as(name).containsEntry("sub", user.id()).containsEntry("roles", List.of("subscriber"))
				.containsEntry("entitlements", List.of("clip-" + s, "premium"))
				.containsEntry("permissions", List.of("play:clip-" + s, "play:premium"));
		}
	}

	@Test
	void clientsAreManagedThroughTheAdminApiWithTheSecretShownOnce() throws Exception {
		Http http = new Http(port);
		HttpResponse<String> created = http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"vimond-" + s + "\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
					+ "\"redirect_uris\":[\"https://app.example.com/cb\"],\"scopes\":[\"openid\",\"profile\"],"
					+ "\"enrichment\":\"vimond\",\"vimond_claim_names\":\"prefixed\",\"access_token_jwt_type\":true}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = (String) JSONObjectUtils.parse(created.body()).get("client_secret");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		String fetched = http.send(http.admin("/api/admin/clients/vimond-" + s)).body();
		Map<String, Object> answer = JSONObjectUtils.parse(fetched);
		assertThat(answer).containsEntry("enrichment", "vimond").containsEntry("vimond_claim_names", "prefixed")
			.containsEntry("access_token_jwt_type", true).containsEntry("public_client", false)
			.containsEntry("require_consent", false).doesNotContainKeys("settings", "client_secret");
		assertThat(fetched).doesNotContain(secret, "settings.client", "ticketbooth.");
		String stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param("vimond-" + s)
			.query(String.class).single();
		assertThat(stored).doesNotContain(secret);

		assertProblem(http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"vimond-" + s + "\"}"))), 409, "client-exists");
		assertProblem(http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"x-" + s + "\",\"public_client\":true,\"redirect_uris\":[\"https://a.example/cb#f\"]}"))),
				400, "invalid-redirect-uri");
		assertProblem(http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"y-" + s + "\",\"enrichment\":\"magic\"}"))), 400, "invalid-enrichment");
		for (String body : java.util.List.of("{\"client_id\":\"n1-" + s + "\",\"grant_types\":[null]}",
				"{\"client_id\":\"n2-" + s + "\",\"scopes\":[null]}",
				"{\"client_id\":\"n3-" + s + "\",\"enrichment\":\"streamamg-partial\",\"streamamg_claims\":[null]}")) {
			HttpResponse<String> response = http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(body)));
			assertThat(response.statusCode()).as(body).isEqualTo(400);
		}
		assertThat(http.send(http.admin("/api/admin/clients/vimond-" + s).DELETE()).statusCode()).isEqualTo(204);
	}

	@Test
	void generatedClientSecretsAreKeyedHashesAndStillAuthenticate() throws Exception {
		Http http = new Http(port);
		HttpResponse<String> created = http.send(http.admin("/api/admin/clients").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"client_id\":\"m2m-" + s + "\",\"scopes\":[\"playback:mint\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String secret = (String) JSONObjectUtils.parse(created.body()).get("client_secret");
		String stored = jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?").param("m2m-" + s)
			.query(String.class).single();
		assertThat(stored).startsWith("{hmac}hmac1$").doesNotContain(secret);

		HttpResponse<String> token = http.send(http.request("/oauth2/token").header("Authorization", Http.basic("m2m-" + s, secret))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials&scope=playback:mint")));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		HttpResponse<String> wrong = http.send(http.request("/oauth2/token").header("Authorization", Http.basic("m2m-" + s, secret + "x"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials&scope=playback:mint")));
		assertThat(wrong.statusCode()).isEqualTo(401);
		// clients registered with argon2id hashes before keep working (OAuthClients in other tests registers them so)
	}

	@Test
	void expiredAuthorizationsAreCleanedUp() throws Exception {
		String client = publicClient(null, null);
		String code = code(authorize(client, REDIRECT, "&code_challenge=" + challenge() + "&code_challenge_method=S256"));
		assertThat(token(client, code, REDIRECT, verifier).statusCode()).isEqualTo(200);
		long before = count();
		assertThat(before).isPositive();
		cleanup.run();
		assertThat(count()).as("nothing current is removed").isEqualTo(before);

		clock.advance(Duration.ofDays(40));
		cleanup.run();
		assertThat(count()).isZero();
	}

	private long count() {
		return jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE registered_client_id = (SELECT id FROM oauth2_registered_client WHERE client_id = ?)")
			.param("app-" + s).query(Long.class).single();
	}

	private int userinfo(String accessToken) {
		Http http = new Http(port);
		return http.send(http.request("/userinfo").header("Authorization", "Bearer " + accessToken)).statusCode();
	}

	private static Map<String, Object> payload(String jwt) throws Exception {
		return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
	}
}
