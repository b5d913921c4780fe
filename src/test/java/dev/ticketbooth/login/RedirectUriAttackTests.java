package dev.ticketbooth.login;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every redirect trick against {@code /authorize}, for a signed-out visitor and for a signed-in
 * user (who would otherwise get a token at once): an error page, and no Location at all.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedirectUriAttackTests {

	static final List<String> REGISTERED = List.of("https://app.example.com/callback", "myapp://auth/callback",
			"http://127.0.0.1:9999/callback");

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	EndUsers users;

	String provider;

	WebSession signedIn;

	@BeforeAll
	void registerProviderAndSignIn() {
		provider = "attack-" + UUID.randomUUID().toString().substring(0, 8);
		providers.create(provider, "Attack Test App", "Attack Issuer", Duration.ofMinutes(5), REGISTERED, null);
		// a second provider with the same URIs, so a request that names none is ambiguous
		providers.create(provider + "-other", "Other App", "Other Issuer", Duration.ofMinutes(5), REGISTERED, null);
		String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(username, "victim-password", true, true);
		signedIn = new WebSession(port);
		assertThat(signedIn.login(username, "victim-password").statusCode()).isEqualTo(302);
	}

	static Stream<Arguments> attacks() {
		return Stream.of(
				redirect("prefix: longer host", "https://app.example.com/callback.evil.com"),
				redirect("prefix: longer path", "https://app.example.com/callbackx"),
				redirect("prefix: shorter path", "https://app.example.com/callbac"),
				redirect("added trailing slash", "https://app.example.com/callback/"),
				redirect("removed path", "https://app.example.com"),
				redirect("added query", "https://app.example.com/callback?next=https://evil.com"),
				redirect("case: scheme", "HTTPS://app.example.com/callback"),
				redirect("case: host", "https://APP.example.com/callback"),
				redirect("case: custom scheme", "MyApp://auth/callback"),
				redirect("case: custom host", "myapp://AUTH/callback"),
				redirect("dot-dot after", "https://app.example.com/callback/../evil"),
				redirect("dot-dot before", "https://app.example.com/evil/../callback"),
				redirect("dot-dot custom scheme", "myapp://auth/callback/../../evil"),
				redirect("dot-dot-semicolon", "https://app.example.com/callback/..;/evil"),
				redirect("encoded dot-dot", "https://app.example.com/callback/%2e%2e/evil"),
				raw("double encoding", "redirect_uri=https%253A%252F%252Fapp.example.com%252Fcallback&uuid=d1"),
				raw("double-encoded slash", "redirect_uri=https%3A%2F%2Fapp.example.com%252Fcallback&uuid=d1"),
				redirect("at: userinfo", "https://evil.com@app.example.com/callback"),
				redirect("at: after host", "https://app.example.com@evil.com/callback"),
				redirect("at: in path", "https://app.example.com/callback@evil.com"),
				redirect("fragment", "https://app.example.com/callback#frag"),
				redirect("fragment with at", "https://app.example.com/callback#@evil.com"),
				redirect("javascript lower", "javascript:alert(1)"),
				redirect("javascript mixed case", "JaVaScRiPt:alert(document.cookie)"),
				redirect("javascript upper with authority", "JAVASCRIPT://app.example.com/callback%0aalert(1)"),
				redirect("javascript leading space", " javascript:alert(1)"),
				redirect("leading space", " https://app.example.com/callback"),
				redirect("null byte", "https://app.example.com/callback%00"),
				redirect("other host", "https://evil.com/callback"),
				redirect("protocol-relative", "//evil.com/callback"),
				redirect("backslash", "https:\\\\evil.com\\callback"),
				raw("duplicated redirect_uri, good first",
						"redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&redirect_uri=https%3A%2F%2Fevil.com&uuid=d1"),
				raw("duplicated redirect_uri, evil first",
						"redirect_uri=https%3A%2F%2Fevil.com&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&uuid=d1"),
				raw("duplicated uuid", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&uuid=a&uuid=b"),
				raw("missing redirect_uri", "uuid=d1"),
				raw("missing uuid", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback"),
				raw("empty uuid", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&uuid="),
				raw("oversized uuid", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&uuid=" + "a".repeat(129)),
				raw("malformed uuid", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&uuid=%3Cscript%3E"),
				raw("uuid with quote", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&uuid=a%22b"));
	}

	private static Arguments redirect(String name, String uri) {
		return arguments(name, "redirect_uri=" + WebSession.encode(uri) + "&uuid=device-1");
	}

	private static Arguments raw(String name, String query) {
		return arguments(name, query);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void isRefusedWithAPageAndNoRedirect(String name, String query) {
		for (WebSession session : List.of(new WebSession(port), signedIn)) {
			assertRefused(session.get("/authorize?provider=" + provider + "&" + query));
		}
	}

	@Test
	void anUnknownOrDuplicatedProviderIsRefused() {
		String valid = "redirect_uri=" + WebSession.encode(REGISTERED.get(0)) + "&uuid=device-1";
		assertRefused(signedIn.get("/authorize?provider=no-such-provider&" + valid));
		assertRefused(signedIn.get("/authorize?provider=" + provider + "&provider=" + provider + "&" + valid));
		assertRefused(signedIn.get("/authorize?" + valid)); // several providers exist: it must be named
	}

	/** The control: the same session and provider do redirect for a registered URI. */
	@Test
	void everyRegisteredUriRedirectsWithAToken() {
		for (String uri : REGISTERED) {
			HttpResponse<String> response = signedIn
				.get("/authorize?provider=" + provider + "&redirect_uri=" + WebSession.encode(uri) + "&uuid=device-1");
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					location -> assertThat(location).startsWith(uri + "?token=ey"));
		}
	}

	private static void assertRefused(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.headers().firstValue("Refresh")).isEmpty();
		assertThat(response.body()).contains("This sign-in link cannot be used").doesNotContain("token=");
	}
}
