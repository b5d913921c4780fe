package dev.ticketbooth.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothApplication;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as an operator runs it: the demo profile on a fixed port, behind a TLS-terminating
 * proxy ({@code server.forward-headers-strategy=native}, which the shared test server leaves at its
 * default). Polled from the moment it starts, its first accepted requests already find the admin
 * and the demo client.
 */
class DeployedServerTests {

	private static final int PORT = freePort();

	private static ConfigurableApplicationContext server;

	private static CompletableFuture<FirstRequests> firstRequests;

	/** What the first connection the port accepted was answered, and how often it was refused before. */
	private record FirstRequests(int admin, int demoClient, int refused) {
	}

	@BeforeAll
	static void startWhilePolling() throws IOException {
		firstRequests = CompletableFuture.supplyAsync(DeployedServerTests::pollUntilAccepted,
				poll -> new Thread(poll, "first-requests").start());
		server = new SpringApplicationBuilder(TicketboothApplication.class).profiles("demo")
			.run("--server.port=" + PORT, "--ticketbooth.home=" + Files.createTempDirectory("ticketbooth-deployed-"),
					"--ticketbooth.admin-password=" + TicketboothServerTest.ADMIN_PASSWORD,
					"--ticketbooth.scheduling.enabled=false", "--server.forward-headers-strategy=native");
	}

	@AfterAll
	static void stop() {
		if (firstRequests != null) {
			firstRequests.cancel(true);
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void theFirstAcceptedRequestsFindTheAdminAndTheDemoClient() throws Exception {
		FirstRequests first = firstRequests.get(60, TimeUnit.SECONDS);
		assertThat(first.refused()).as("polled before the port opened").isPositive();
		assertThat(first.admin()).as("the first admin request").isEqualTo(200);
		assertThat(first.demoClient()).as("demo-backend's first token request").isEqualTo(200);
	}

	@Test
	void behindATlsTerminatingProxyTheSessionCookieIsSecure() {
		Http http = new Http(PORT);
		HttpResponse<String> page = http.send(http.request("/login").header("X-Forwarded-Proto", "https"));
		assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(
				cookie -> assertThat(cookie).startsWith("SESSION=").contains("Secure", "HttpOnly", "SameSite=Lax"));
	}

	/** Tries to connect every few milliseconds; the first connection accepted carries the admin's request. */
	private static FirstRequests pollUntilAccepted() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Http http = new Http(PORT);
		HttpRequest admin = http.admin("/api/admin/keys").build();
		HttpRequest token = http.request("/oauth2/token")
			.header("Authorization", Http.basic("demo-backend", "demo-backend-secret"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=playback:mint"))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		int refused = 0;
		while (System.nanoTime() < deadline) {
			try {
				int adminStatus = client.send(admin, HttpResponse.BodyHandlers.discarding()).statusCode();
				int tokenStatus = client.send(token, HttpResponse.BodyHandlers.discarding()).statusCode();
				return new FirstRequests(adminStatus, tokenStatus, refused);
			}
			catch (ConnectException | HttpConnectTimeoutException ex) {
				refused++;
				sleep(5);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("the port never opened");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
