package dev.ticketbooth;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP session (cookies kept, redirects not followed) for form flows. */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final CookieManager cookies;

	private final HttpClient client;

	private final String base;

	public WebSession(int port) {
		this(port, new CookieManager());
	}

	private WebSession(int port, CookieManager cookies) {
		this.base = "http://localhost:" + port;
		this.cookies = cookies;
		this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** The same browser (same cookies) talking to another server node. */
	public WebSession on(int port) {
		return new WebSession(port, cookies);
	}

	public HttpResponse<String> get(String pathAndQuery) {
		return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept", "text/html").GET());
	}

	/** Fetches the login page and posts the form with its CSRF token. */
	public HttpResponse<String> login(String username, String password) {
		return postForm("/login", loginForm(username, password));
	}

	/** Fetches the login page (starting this browser's session) and fills in its form, to post later. */
	public String loginForm(String username, String password) {
		Matcher csrf = CSRF.matcher(get("/login").body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the login page");
		}
		return "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
	}

	public HttpResponse<String> postForm(String path, String form) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	public String sessionId() {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
			.map(HttpCookie::getValue).findFirst().orElse(null);
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		return Http.send(client, request);
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
