package dev.ticketbooth.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.microsoft.playwright.Page;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketbooth.CallbackServer;
import dev.ticketbooth.Chromium;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Applicaster flow as a phone's web view runs it, in Debian's Chromium: open the
 * authorization URL, sign in, land on the app's redirect URI with a token that checks out
 * against the provider's secret (verified with Nimbus JOSE, not our code).
 */
@TicketboothServerTest
class ApplicasterFlowBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	EndUsers users;

	@Autowired
	MutableClock clock;

	@Test
	void signingInReturnsToTheAppWithATokenThatVerifiesWithTheProviderSecret() throws Exception {
		try (CallbackServer app = CallbackServer.start(); Chromium chromium = Chromium.launch()) {
			String redirectUri = app.url("/callback?state=keep");
			String providerId = "browser-" + UUID.randomUUID().toString().substring(0, 8);
			Providers.Created created = providers.create(providerId, "Browser Test App", "Browser Issuer",
					Duration.ofMinutes(30), List.of(redirectUri), null);
			String username = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
			EndUser user = users.create(username, "correct-horse-1", true, true);

			Page page = chromium.browser().newPage();
			page.navigate(authorizeUrl(providerId, redirectUri, "device-42"));
			assertThat(page.locator("h1").textContent()).contains("Browser Test App");
			page.fill("#username", username);
			page.fill("#password", "correct-horse-1");
			page.click("button[type=submit]");
			page.waitForURL(url -> url.startsWith(app.url("/callback")));

			URI received = app.next(10);
			assertThat(received).isNotNull();
			Map<String, String> query = query(received.getRawQuery());
			assertThat(query).containsEntry("state", "keep");
			String token = query.get("token");
			assertThat(new String(Base64URL.from(token.split("\\.")[0]).decode(), StandardCharsets.UTF_8))
				.isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
			SignedJWT jwt = SignedJWT.parse(token);
			assertThat(jwt.verify(new MACVerifier(created.secret().getBytes(StandardCharsets.UTF_8)))).isTrue();
			assertThat(jwt.verify(new MACVerifier("another-secret-of-sufficient-length-000".getBytes(StandardCharsets.UTF_8))))
				.isFalse();
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getIssuer()).isEqualTo("Browser Issuer");
			assertThat(claims.getStringClaim("uuid")).isEqualTo("device-42");
			assertThat(claims.getSubject()).isEqualTo(user.id());
			long iat = claims.getIssueTime().toInstant().getEpochSecond();
			assertThat(iat).isBetween(clock.instant().getEpochSecond() - 60, clock.instant().getEpochSecond());
			assertThat(claims.getExpirationTime().toInstant().getEpochSecond() - iat).isEqualTo(1800);
		}
	}

	@Test
	void aWrongPasswordEndsOnTheLoginPageWithAnErrorAndNoRedirect() throws Exception {
		try (CallbackServer app = CallbackServer.start(); Chromium chromium = Chromium.launch()) {
			String redirectUri = app.url("/callback");
			String providerId = "browser-" + UUID.randomUUID().toString().substring(0, 8);
			providers.create(providerId, "Browser Test App", "Browser Issuer", Duration.ofMinutes(30), List.of(redirectUri),
					null);
			String username = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
			users.create(username, "correct-horse-1", true, true);

			Page page = chromium.browser().newPage();
			page.navigate(authorizeUrl(providerId, redirectUri, "device-42"));
			page.fill("#username", username);
			page.fill("#password", "wrong-password");
			page.click("button[type=submit]");
			page.waitForURL(url -> url.contains("/login?error"));

			assertThat(page.locator("[role=alert]").textContent()).isEqualTo("Wrong username or password.");
			assertThat(page.locator("#username").isVisible()).isTrue();
			assertThat(app.next(1)).as("the app received nothing").isNull();
		}
	}

	private String authorizeUrl(String provider, String redirectUri, String uuid) {
		return "http://localhost:" + port + "/authorize?provider=" + provider + "&redirect_uri="
				+ WebSession.encode(redirectUri) + "&uuid=" + uuid;
	}

	private static Map<String, String> query(String rawQuery) {
		return Arrays.stream(rawQuery.split("&")).map(p -> p.split("=", 2))
			.collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
	}
}
