package dev.ticketbooth.oidc;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.AtOnce;
import dev.ticketbooth.Chromium;
import dev.ticketbooth.FixedPortServer;
import dev.ticketbooth.Jose;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.login.LoginProperties;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device authorization grant (RFC 8628) as a TV and its viewer live it: npm's openid-client
 * is the TV (device authorization, polling, refresh), Debian's Chromium or a scripted browser
 * session is the viewer's phone at {@code /activate}. Also what an attacker tries: guessing
 * user codes, and a disabled account.
 */
@TicketboothServerTest
class DeviceFlowTests extends FixedIssuerServer {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	OidcClients clients;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	EndUsers users;

	@Autowired
	Catalog catalog;

	@Autowired
	Grants grants;

	@Autowired
	MutableClock clock;

	@Autowired
	LoginProperties loginProperties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aViewerApprovesTheTvOnTheirPhoneAndTheTvGetsVimondTokensThatRefresh() {
		String s = Viewers.suffix();
		String clientId = tv(s);
		EndUser user = users.create("couch-" + s, Viewers.PASSWORD, true, true);
		catalog.createCollection("tv-pkg-" + s, CollectionKind.PACKAGE, "Sports", "77", null);
		grants.save(new GrantRequest(user.username(), "tv-pkg-" + s, null, "subscription", "hd", 2, null, null, null));

		Map<String, Object> start = start(clientId, "profile");
		Map<String, Object> response = map(start.get("response"));
		String userCode = (String) response.get("user_code");
		assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
		assertThat(response.get("verification_uri")).isEqualTo(FixedPortServer.issuer() + "/activate");
		assertThat(response.get("verification_uri_complete"))
			.isEqualTo(FixedPortServer.issuer() + "/activate?user_code=" + userCode);
		assertThat(((Number) response.get("expires_in")).longValue()).isBetween(590L, 600L);
		assertThat(start.get("device_authorization_endpoint")).isEqualTo(FixedPortServer.issuer() + "/oauth2/device_authorization");

		try (Chromium chromium = Chromium.launch()) {
			Page phone = chromium.browser().newPage();
			phone.setViewportSize(390, 844);
			phone.navigate((String) response.get("verification_uri_complete"));
			assertThat(phone.inputValue("#user_code")).isEqualTo(userCode);
			phone.click("button[type=submit]");
			phone.waitForURL(url -> url.endsWith("/login"));
			assertThat(phone.locator("h1").textContent()).isEqualTo("Sign in to continue to Living room TV");
			phone.fill("#username", user.username());
			phone.fill("#password", Viewers.PASSWORD);
			phone.click("button[type=submit]");
			phone.waitForURL(url -> url.endsWith("/activate/confirm"));
			assertThat(phone.locator("h1").textContent()).isEqualTo("Sign in on Living room TV?");
			assertThat(phone.locator("#scopes li").allTextContents()).containsExactly("Your profile (name and username)");
			phone.click("#approve");
			assertThat(phone.locator("h1").textContent()).isEqualTo("Living room TV is signed in");
		}

		Map<String, Object> tokens = poll(clientId, response);
		assertThat(tokens).as(tokens.toString()).containsEntry("ok", true);
		Map<String, Object> access = map(tokens.get("access_claims"));
		assertThat(access).containsEntry("sub", user.id()).containsEntry("aud", clientId);
		assertThat(access.get("https://vimond/entitlements").toString()).contains("svod=77");
		assertThat(tokens.get("refresh_token")).isNotNull();

		Map<String, Object> refreshed = Jose.script("device-flow.mjs", "refresh", FixedPortServer.issuer(), clientId,
				(String) tokens.get("refresh_token"));
		assertThat(refreshed).as(refreshed.toString()).containsEntry("ok", true);
		assertThat(refreshed.get("refresh_token")).isNotNull().isNotEqualTo(tokens.get("refresh_token"));
		assertThat(map(refreshed.get("access_claims"))).containsEntry("sub", user.id())
			.containsKey("https://vimond/entitlements");

		assertThat(jdbc.sql("SELECT token_hash FROM oauth2_rotated_refresh_token WHERE token_hash = ?")
			.param(TokenHashes.hash((String) tokens.get("refresh_token"))).query(String.class).optional())
			.as("the rotated token is remembered, as a hash only").isPresent();
		Map<String, Object> signedOut = Jose.script("device-flow.mjs", "revoke", FixedPortServer.issuer(), clientId,
				(String) refreshed.get("refresh_token"));
		assertThat(signedOut).as("the TV signs out with its client id alone: " + signedOut).containsEntry("revoked", true)
			.containsEntry("refresh_error", "invalid_grant");
		// a device code gives tokens once; Spring answers a spent one as it answers a denied one
		assertThat(poll(clientId, response)).containsEntry("ok", false).containsEntry("error", "access_denied");
	}

	@Test
	void aDeniedCodeTellsTheTvAccessDenied() {
		String s = Viewers.suffix();
		String clientId = tv(s);
		EndUser user = users.create("denier-" + s, Viewers.PASSWORD, true, true);
		Map<String, Object> response = map(start(clientId, "profile").get("response"));

		WebSession phone = signedInAt((String) response.get("user_code"), user);
		HttpResponse<String> confirm = phone.get("/activate/confirm");
		assertThat(confirm.body()).contains("Living room TV");
		HttpResponse<String> denied = phone.postForm("/activate/confirm", "decision=deny&_csrf=" + csrf(confirm.body()));
		assertThat(denied.statusCode()).isEqualTo(200);
		assertThat(denied.body()).contains("Sign-in to Living room TV denied");

		assertThat(poll(clientId, response)).containsEntry("error", "access_denied");
		HttpResponse<String> again = enter(new WebSession(FixedPortServer.PORT), (String) response.get("user_code"));
		assertThat(again.statusCode()).as("a spent code cannot be entered again").isEqualTo(400);
	}

	@Test
	void anExpiredCodeIsRefusedOnThePhoneAndTheTvIsToldExpiredToken() throws Exception {
		String s = Viewers.suffix();
		String clientId = "short-tv-" + s;
		// two seconds: the admin API allows no less than a minute, this test does not wait that long
		registeredClients.save(RegisteredClient.withId(UUID.randomUUID().toString()).clientId(clientId).clientName("Short TV")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.DEVICE_CODE).scope("profile")
			.tokenSettings(TokenSettings.builder().deviceCodeTimeToLive(Duration.ofSeconds(2)).build()).build());
		Map<String, Object> response = map(start(clientId, "profile").get("response"));
		Thread.sleep(2500);

		HttpResponse<String> entered = enter(new WebSession(FixedPortServer.PORT), (String) response.get("user_code"));
		assertThat(entered.statusCode()).isEqualTo(400);
		assertThat(entered.body()).contains("That code is not valid");
		assertThat(poll(clientId, response)).containsEntry("error", "expired_token");
	}

	@Test
	void guessingUserCodesIsThrottledPerAddressBeforeAnyLookUp() {
		clock.advance(loginProperties.failureWindow().plusMinutes(1)); // a window of our own
		String s = Viewers.suffix();
		String clientId = tv(s);
		String userCode = (String) map(start(clientId, "profile").get("response")).get("user_code");
		WebSession guesser = new WebSession(FixedPortServer.PORT);
		for (int i = 0; i < loginProperties.maxFailuresPerUser(); i++) {
			assertThat(enter(guesser, "BBBB-BBB" + "CDFGHJK".charAt(i)).statusCode()).isEqualTo(400);
		}
		HttpResponse<String> refused = enter(guesser, userCode);
		assertThat(refused.statusCode()).as("even the right code is not looked up now").isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).contains("Too many wrong codes");
		HttpResponse<String> otherBrowser = enter(new WebSession(FixedPortServer.PORT), userCode);
		assertThat(otherBrowser.statusCode()).as("a new session from the same address changes nothing").isEqualTo(429);

		clock.advance(loginProperties.failureWindow().plusMinutes(1));
		assertThat(enter(guesser, userCode.toLowerCase().replace("-", " ")).statusCode())
			.as("after the window, typed in any case and spacing").isEqualTo(302);
	}

	@Test
	void twentySimultaneousGuessesGetNoMoreLookUpsThanTheLimit() throws Exception {
		clock.advance(loginProperties.failureWindow().plusMinutes(1));
		int limit = loginProperties.maxFailuresPerUser();
		List<Integer> statuses = AtOnce.run(20, i -> {
			WebSession guesser = new WebSession(FixedPortServer.PORT); // each its own session: the address counts
			String form = "user_code=BBBB-BBC" + "DFGHJKLMNPQRSTVWXZB".charAt(i % 19) + "&_csrf=" + csrf(guesser.get("/activate").body());
			return () -> guesser.postForm("/activate", form).statusCode();
		});
		assertThat(statuses).as(statuses.toString()).allMatch(status -> status == 400 || status == 429);
		assertThat(statuses).as("guesses looked up").filteredOn(status -> status == 400).hasSizeLessThanOrEqualTo(limit);
		clock.advance(loginProperties.failureWindow().plusMinutes(1)); // leave the address unthrottled for other tests
	}

	@Test
	void aDisabledViewerGetsNoTokenFromAnApprovedCodeNorFromARefresh() {
		String s = Viewers.suffix();
		String clientId = tv(s);
		EndUser user = users.create("gone-" + s, Viewers.PASSWORD, true, true);
		Map<String, Object> response = map(start(clientId, "profile").get("response"));
		approve(signedInAt((String) response.get("user_code"), user));
		users.update(user.username(), null, false);
		assertThat(poll(clientId, response)).containsEntry("ok", false).containsEntry("error", "invalid_grant");

		EndUser other = users.create("later-gone-" + s, Viewers.PASSWORD, true, true);
		Map<String, Object> second = map(start(clientId, "profile").get("response"));
		approve(signedInAt((String) second.get("user_code"), other));
		Map<String, Object> tokens = poll(clientId, second);
		assertThat(tokens).as(tokens.toString()).containsEntry("ok", true);
		users.update(other.username(), null, false);
		assertThat(Jose.script("device-flow.mjs", "refresh", FixedPortServer.issuer(), clientId,
				(String) tokens.get("refresh_token"))).containsEntry("error", "invalid_grant");
	}

	@Test
	void springsOwnVerificationEndpointSendsViewersToActivate() {
		WebSession browser = new WebSession(FixedPortServer.PORT);
		HttpResponse<String> response = browser.get("/oauth2/device_verification?user_code=BCDF-GHJK");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/activate?user_code=BCDF-GHJK");
		assertThat(browser.postForm("/oauth2/device_verification", "user_code=BCDF-GHJK").statusCode()).isEqualTo(404);
	}

	@Test
	void theActivatePageFormsNeedTheirCsrfToken() {
		WebSession browser = new WebSession(FixedPortServer.PORT);
		browser.get("/activate");
		assertThat(browser.postForm("/activate", "user_code=BCDF-GHJK").statusCode()).isEqualTo(403);
	}

	private String tv(String suffix) {
		String clientId = "tv-" + suffix;
		clients.create(new OidcClients.ClientRequest(clientId, "Living room TV", true,
				List.of(OidcClients.DEVICE_CODE_GRANT, "refresh_token"), null, List.of("openid", "profile"), false, "vimond",
				null, null, null, null, null, null, null));
		return clientId;
	}

	private static Map<String, Object> start(String clientId, String scope) {
		Map<String, Object> start = Jose.script("device-flow.mjs", "start", FixedPortServer.issuer(), clientId, scope);
		assertThat(start).as(start.toString()).containsEntry("ok", true);
		return start;
	}

	private static Map<String, Object> poll(String clientId, Map<String, Object> response) {
		return Jose.script("device-flow.mjs", "poll", FixedPortServer.issuer(), clientId,
				JSONObjectUtils.toJSONString(response));
	}

	/** A phone that entered the code and signed in: it stands at the confirmation page. */
	private static WebSession signedInAt(String userCode, EndUser user) {
		WebSession phone = new WebSession(FixedPortServer.PORT);
		HttpResponse<String> entered = enter(phone, userCode);
		assertThat(entered.statusCode()).as(entered.body()).isEqualTo(302);
		assertThat(phone.get("/activate/confirm").headers().firstValue("Location").orElse("")).endsWith("/login");
		HttpResponse<String> login = phone.login(user.username(), Viewers.PASSWORD);
		assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/activate/confirm");
		return phone;
	}

	private static void approve(WebSession phone) {
		HttpResponse<String> confirm = phone.get("/activate/confirm");
		HttpResponse<String> done = phone.postForm("/activate/confirm", "decision=approve&_csrf=" + csrf(confirm.body()));
		assertThat(done.body()).contains("is signed in");
	}

	private static HttpResponse<String> enter(WebSession browser, String userCode) {
		String page = browser.get("/activate").body();
		return browser.postForm("/activate", "user_code=" + WebSession.encode(userCode) + "&_csrf=" + csrf(page));
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return WebSession.encode(matcher.group(1));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}
}
