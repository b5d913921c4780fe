package dev.ticketbooth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/** A loopback listener standing in for the app's redirect target: records every request URI. */
public final class CallbackServer implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<URI> received = new LinkedBlockingQueue<>();

	private CallbackServer(HttpServer server) {
		this.server = server;
	}

	public static CallbackServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			CallbackServer callback = new CallbackServer(server);
			server.createContext("/", exchange -> {
				callback.received.add(exchange.getRequestURI());
				byte[] body = "<html><body><p id=done>back in the app</p></body></html>".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/html");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return callback;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** The next request received, or null after the timeout. */
	public URI next(long seconds) throws InterruptedException {
		return received.poll(seconds, TimeUnit.SECONDS);
	}

	public boolean receivedNothing() {
		return received.isEmpty();
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
