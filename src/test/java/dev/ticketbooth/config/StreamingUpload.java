package dev.ticketbooth.config;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/1.1 POST over a raw socket whose body is generated while it is sent, so a test can
 * offer a gigabyte without holding it, declared by {@code Content-Length} or sent chunked. The
 * body stops as soon as the server answers or closes the connection, at the declared size, or
 * on {@link #close()}; the answer is read at the same time, as a real client would.
 */
final class StreamingUpload implements AutoCloseable {

	static final long MB = 1024 * 1024;

	/** What the server said: its status, or 0 when it closed (or reset) the connection without an answer. */
	record Answer(int status, String body, long sentBeforeAnswer) {
	}

	private static final int BUFFER = 64 * 1024;

	private final Socket socket;

	private final AtomicLong sent = new AtomicLong();

	private final CompletableFuture<Answer> answer = new CompletableFuture<>();

	private final Thread writer;

	private final Thread reader;

	private volatile boolean stopped;

	private StreamingUpload(Socket socket, byte[] head, byte[] prefix, long size, boolean chunked) {
		this.socket = socket;
		this.writer = new Thread(() -> send(head, prefix, size, chunked), "upload-writer");
		this.reader = new Thread(this::receive, "upload-reader");
		writer.setDaemon(true);
		reader.setDaemon(true);
		reader.start();
		writer.start();
	}

	/**
	 * Starts sending {@code size} bytes to {@code path}: {@code prefix}, then as many {@code a} as it takes.
	 *
	 * @param headers extra header lines, such as {@code Authorization: Bearer ...}
	 */
	static StreamingUpload post(int port, String path, List<String> headers, String prefix, long size, boolean chunked) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("localhost", port), 5_000);
			StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nContent-Type: application/json\r\n");
			headers.forEach(header -> head.append(header).append("\r\n"));
			head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size).append("\r\n\r\n");
			return new StreamingUpload(socket, head.toString().getBytes(StandardCharsets.US_ASCII),
					prefix.getBytes(StandardCharsets.UTF_8), size, chunked);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Bytes of the body written so far. */
	long sent() {
		return sent.get();
	}

	boolean answered() {
		return answer.isDone();
	}

	/** The answer, waiting at most {@code timeout}; status 0 when there was none. */
	Answer answer(Duration timeout) throws InterruptedException {
		try {
			return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no answer within " + timeout + " after " + sent() / MB + " MB sent", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Stops sending and closes the connection. */
	@Override
	public void close() throws InterruptedException {
		stopped = true;
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		writer.join(5_000);
		reader.join(5_000);
	}

	private void send(byte[] head, byte[] prefix, long size, boolean chunked) {
		byte[] filler = new byte[BUFFER];
		Arrays.fill(filler, (byte) 'a');
		try {
			OutputStream out = socket.getOutputStream();
			out.write(head);
			byte[] first = Arrays.copyOf(prefix, (int) Math.min(BUFFER, size));
			Arrays.fill(first, prefix.length, first.length, (byte) 'a');
			byte[] data = first;
			while (!stopped && sent.get() < size) {
				int length = (int) Math.min(data.length, size - sent.get());
				if (chunked) {
					out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				}
				out.write(data, 0, length);
				if (chunked) {
					out.write(new byte[] { '\r', '\n' });
				}
				sent.addAndGet(length);
				data = filler;
			}
			if (chunked && sent.get() == size) {
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
		}
		catch (IOException ex) {
			// the server closed the connection: stop sending, as a client would
		}
	}

	private void receive() {
		try {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			String statusLine = line(in);
			long sentBeforeAnswer = sent.get();
			stopped = true;
			if (statusLine == null) {
				answer.complete(new Answer(0, "", sentBeforeAnswer));
				return;
			}
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			long length = -1;
			boolean chunked = false;
			for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(header.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
			}
			answer.complete(new Answer(status, body(in, length, chunked), sentBeforeAnswer));
		}
		catch (IOException | RuntimeException ex) {
			// reset by the server, or closed by close()
			answer.complete(new Answer(0, String.valueOf(ex), sent.get()));
		}
	}

	private static String body(InputStream in, long length, boolean chunked) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
				body.write(in.readNBytes(size));
				line(in);
			}
		}
		else if (length > 0) {
			body.write(in.readNBytes((int) Math.min(length, MB)));
		}
		return body.toString(StandardCharsets.UTF_8);
	}

	/** One CRLF-terminated line without its end, or null at the end of the stream. */
	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}
}
