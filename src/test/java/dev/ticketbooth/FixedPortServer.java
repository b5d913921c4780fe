package dev.ticketbooth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * For tests whose third-party client checks the issuer against the URL it discovered: the
 * server runs on a port chosen up front, and {@code ticketbooth.issuer} names it.
 */
public final class FixedPortServer {

	public static final int PORT = freePort();

	private FixedPortServer() {
	}

	public static String issuer() {
		return "http://localhost:" + PORT;
	}

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("ticketbooth.issuer", FixedPortServer::issuer);
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
