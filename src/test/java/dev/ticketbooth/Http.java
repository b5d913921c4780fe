package dev.ticketbooth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real HTTP to the running test server, with the JDK's client. */
public final class Http {

	private static final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;

	public Http(int port) {
		this.base = "http://localhost:" + port;
	}

	public String url(String path) {
		return base + path;
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path));
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public HttpRequest.Builder admin(String path) {
		return request(path).header("Authorization", basic("admin", TicketboothServerTest.ADMIN_PASSWORD));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		return send(client, request);
	}

	static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public static HttpRequest.BodyPublisher json(String body) {
		return HttpRequest.BodyPublishers.ofString(body);
	}
}
