package dev.ticketbooth.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server opens no listening socket but its HTTP port: read from the kernel's own tables
 * ({@code /proc/net/tcp*}) for the sockets this process owns, and each one must speak HTTP. The
 * embedded H2 with {@code AUTO_SERVER} used to listen on every interface with user {@code sa} and
 * no password.
 */
@TicketboothServerTest
class ListeningSocketsTests {

	@LocalServerPort
	int port;

	@Test
	void everyListeningSocketOfTheServerProcessIsAnHttpPort() throws Exception {
		assertThat(new Http(port).send(new Http(port).admin("/api/admin/keys")).statusCode()).isEqualTo(200);

		Set<Integer> listening = listeningPortsOfThisProcess();
		assertThat(listening).contains(port);
		for (int candidate : listening) {
			assertThat(speaksHttp(candidate)).as("port %d of this process listens but does not speak HTTP (all: %s)", candidate,
					listening).isTrue();
		}
	}

	/** Ports in LISTEN state whose socket inode is one of this process's open file descriptors. */
	static Set<Integer> listeningPortsOfThisProcess() throws IOException {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed while we looked
				}
			}
		}
		Set<Integer> ports = new TreeSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path file = Path.of(table);
			if (!Files.exists(file)) {
				continue;
			}
			for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
				String[] fields = line.trim().split("\\s+");
				boolean listen = fields[3].equals("0A");
				if (listen && inodes.contains(fields[9])) {
					ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
				}
			}
		}
		return ports;
	}

	private static boolean speaksHttp(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /.well-known/jwks.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] start = in.readNBytes(5);
			return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
		}
		catch (IOException ex) {
			return false;
		}
	}
}
