package dev.ticketbooth.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ticketbooth.Http;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.config.StreamingUpload.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static dev.ticketbooth.config.StreamingUpload.MB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are bounded while they are read, on every endpoint and before any credentials
 * are checked: a gigabyte offered by anyone, declared or chunked, costs the server almost nothing.
 * The uploads go over real sockets to the running server, which shares this JVM, so its resident
 * memory is this process's.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBodyLimitTests {

	private static final long GB = 1024 * MB;

	private static final String KINESCOPE = "/kinescope/authorize";

	private static final String KINESCOPE_BODY = "{\"id\":\"vid-1\",\"type\":\"video\",\"token\":\"";

	private static final String PLAYBACK = "/api/v1/playback-tokens";

	private static final String PLAYBACK_BODY = "{\"partner\":\"p\",\"user\":\"u\",\"video\":\"";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	Http http;

	OAuthClients.Client minter;

	@BeforeAll
	void setUp() {
		http = new Http(port);
		minter = OAuthClients.register(clients, passwordEncoder, "playback:mint");
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void anUnauthenticatedChunkedBodyAtKinescopeIsRefusedBeforeItIsRead() throws Exception {
		try (StreamingUpload upload = StreamingUpload.post(port, KINESCOPE, List.of(), KINESCOPE_BODY, 256 * MB, true)) {
			Answer answer = upload.answer(Duration.ofSeconds(30));
			assertThat(answer.status()).as(answer.body()).isEqualTo(401);
			assertThat(answer.body()).contains("\"code\":\"unauthenticated\"");
			assertThat(answer.sentBeforeAnswer()).as("bytes sent before the answer (socket buffers included)")
				.isLessThan(32 * MB);
		}
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void anUnauthenticatedBodyDeclaredOverTheLimitIsRefusedAtOnce() throws Exception {
		try (StreamingUpload upload = StreamingUpload.post(port, KINESCOPE, List.of(), KINESCOPE_BODY, GB, false)) {
			Answer answer = upload.answer(Duration.ofSeconds(30));
			assertThat(answer.status()).as(answer.body()).isEqualTo(413);
			assertThat(answer.body()).contains("\"code\":\"request-too-large\"");
			assertThat(answer.sentBeforeAnswer()).isLessThan(32 * MB);
		}
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void fourConcurrentGigabyteUploadsLeaveTheServersMemoryAlone() throws Exception {
		String bearer = "Authorization: Bearer " + OAuthClients.accessToken(http, minter, "playback:mint");
		uploadFour(bearer, 4 * MB, Long.MAX_VALUE); // the same refusals once, so their code is loaded and compiled
		long baseline = residentBytes();
		long ceiling = baseline + 50 * MB;

		Uploads uploads = uploadFour(bearer, GB, ceiling);

		assertThat(uploads.peak() - baseline).as("VmRSS growth in bytes, over a baseline of %d MB", baseline / MB)
			.isLessThan(50 * MB);
		assertThat(uploads.answers()).allSatisfy(answer -> {
			assertThat(answer.status()).as(answer.body()).isIn(401, 413);
			assertThat(answer.sentBeforeAnswer()).isLessThan(64 * MB);
		});
	}

	@Test
	void anAuthenticatedJsonBodyOverTheLimitIsRefusedWith413() throws Exception {
		String token = OAuthClients.accessToken(http, minter, "playback:mint");
		byte[] json = ("{\"partner\":\"p\",\"user\":\"u\",\"video\":\"v\",\"padding\":\"" + "a".repeat((int) MB) + "\"}")
			.getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> declared = http.send(http.request(PLAYBACK).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(json)));
		assertProblem(declared, 413, "request-too-large");

		HttpResponse<String> chunked = http.send(http.request(PLAYBACK).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))));
		assertProblem(chunked, 413, "request-too-large");
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void theBulkGrantImportTakesLargerBodiesUpToItsOwnLimit() throws Exception {
		String twoMegabytesOfNothing = "[" + " ".repeat((int) (2 * MB)) + "]";
		HttpResponse<String> imported = http.send(http.admin("/api/admin/grants/import")
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(twoMegabytesOfNothing)));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		assertThat(imported.body()).isEqualTo("{\"imported\":0}");

		HttpResponse<String> single = http.send(http.admin("/api/admin/grants").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(twoMegabytesOfNothing)));
		assertProblem(single, 413, "request-too-large");

		String admin = "Authorization: " + Http.basic("admin", TicketboothServerTest.ADMIN_PASSWORD);
		try (StreamingUpload upload = StreamingUpload.post(port, "/api/admin/grants/import", List.of(admin), "[", 17 * MB,
				false)) {
			Answer answer = upload.answer(Duration.ofSeconds(30));
			assertThat(answer.status()).as(answer.body()).isEqualTo(413);
			assertThat(answer.body()).contains("\"code\":\"request-too-large\"");
		}
	}

	private record Uploads(long peak, List<Answer> answers) {
	}

	/**
	 * Declared and chunked, unauthenticated at Kinescope and authenticated JSON, all at once; stops
	 * early (and closes every connection) when the server's memory passes {@code ceiling}.
	 */
	private Uploads uploadFour(String bearer, long size, long ceiling) throws Exception {
		List<StreamingUpload> uploads = new ArrayList<>();
		try {
			uploads.add(StreamingUpload.post(port, KINESCOPE, List.of(), KINESCOPE_BODY, size, false));
			uploads.add(StreamingUpload.post(port, KINESCOPE, List.of(), KINESCOPE_BODY, size, true));
			uploads.add(StreamingUpload.post(port, PLAYBACK, List.of(bearer), PLAYBACK_BODY, size, false));
			uploads.add(StreamingUpload.post(port, PLAYBACK, List.of(bearer), PLAYBACK_BODY, size, true));
			long peak = residentBytes();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			long settled = Long.MAX_VALUE;
			while (peak <= ceiling && System.nanoTime() < Math.min(deadline, settled)) {
				Thread.sleep(10);
				peak = Math.max(peak, residentBytes());
				if (settled == Long.MAX_VALUE && uploads.stream().allMatch(StreamingUpload::answered)) {
					settled = System.nanoTime() + Duration.ofMillis(500).toNanos(); // and whatever follows the answers
				}
			}
			List<Answer> answers = new ArrayList<>();
			if (peak <= ceiling) {
				for (StreamingUpload upload : uploads) {
					answers.add(upload.answer(Duration.ofMillis(1)));
				}
			}
			return new Uploads(peak, answers);
		}
		finally {
			for (StreamingUpload upload : uploads) {
				upload.close();
			}
		}
	}

	/** VmRSS of this JVM, which runs the test server. */
	private static long residentBytes() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
				.map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst().orElseThrow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
