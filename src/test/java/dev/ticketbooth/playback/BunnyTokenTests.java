package dev.ticketbooth.playback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.users.EndUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static dev.ticketbooth.playback.PlaybackApi.assertCreated;
import static dev.ticketbooth.playback.PlaybackApi.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * bunny.net signed URLs minted over HTTP with a security key imported into an HS256 set, each token
 * recomputed here from bunny.net's documented algorithm (HMAC-SHA256 under the security key over
 * the signed path, expires, the IP's bytes and the sorted parameters; {@code BunnyDialectTests}
 * holds bunny.net's own examples): a directory token for a folder, a query token for a file.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BunnyTokenTests {

	static final String HOST = "https://vz-demo.b-cdn.net";

	final String s = Viewers.suffix();

	final String video = "bn-" + s;

	final String set = "bunny-" + s;

	/** bunny.net's security keys look like UUIDs. */
	final String securityKey = UUID.randomUUID().toString();

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	EndUser user;

	@BeforeAll
	void setUp() throws Exception {
		fixture.videos(video, "bn-other-" + s);
		user = fixture.viewer("bn-viewer-" + s);
		fixture.purchase(user, video);
		api = fixture.api();
		assertCreated(api.adminPost("/api/admin/key-sets", Map.of("name", set, "algorithms", List.of("HS256"))));
		assertCreated(api.adminPost("/api/admin/keys/import", Map.of("secret", securityKey, "set", set, "activate", true)));
		assertCreated(api.createPartner(Map.of("id", "bn-folder-" + s, "profile", "bunny", "key_set", set, "origin",
				HOST + "/{video}/")));
		assertCreated(api.createPartner(Map.of("id", "bn-file-" + s, "profile", "bunny", "key_set", set, "origin",
				HOST + "/{video}/play_720p.mp4")));
	}

	@Test
	void aFolderGetsADirectoryTokenInThePathSoHlsSegmentsCarryIt() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "bn-folder-" + s, "user", user.username(), "video", video,
				"allow", Map.of("countries", List.of("gb", "de"))));
		long expires = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		String path = "/" + video + "/";
		String token = "HS256-" + hmac(path + expires + "token_countries=GB,DE&token_path=" + path);
		assertThat(minted).containsEntry("token", token).doesNotContainKey("cookies");
		assertThat(map(minted.get("urls"))).containsOnly(Map.entry("url", HOST + "/bcdn_token=" + token
				+ "&token_countries=GB%2CDE&token_path=%2F" + video + "%2F&expires=" + expires + path));
	}

	@Test
	void oneFileGetsAQueryTokenLockedToTheIp() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "bn-file-" + s, "user", user.username(), "video", video,
				"allow", Map.of("ips", List.of("203.0.113.9"))));
		long expires = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		String path = "/" + video + "/play_720p.mp4";
		String token = "HS256-1-" + hmac(path + expires, new byte[] { (byte) 203, 0, 113, 9 });
		assertThat(map(minted.get("urls")))
			.containsOnly(Map.entry("url", HOST + path + "?token=" + token + "&expires=" + expires));
	}

	@Test
	void theUrlNeverOutlivesTheGrant() throws Exception {
		EndUser renter = fixture.viewer("bn-renter-" + s);
		Instant until = fixture.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
		fixture.grant(new GrantRequest(renter.username(), null, video, "rental", null, null, null, until.toString(), null));
		Map<String, Object> minted = api.mint(Map.of("partner", "bn-file-" + s, "user", renter.username(), "video", video,
				"ttl", 3600));
		assertThat(minted).containsEntry("expires_at", until.toString());
		assertThat((String) map(minted.get("urls")).get("url")).endsWith("&expires=" + until.getEpochSecond());
	}

	@Test
	void whatBunnyCannotExpressIsRefused() {
		String partner = "bn-folder-" + s;
		String u = user.username();
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("ips", List.of("203.0.113.0/24")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("origins", List.of("https://www.example.com")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "audiences", List.of("v"))), 400,
				"invalid-request");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", "bn-other-" + s)), 403, "not-entitled");
		assertProblem(api.createPartner(Map.of("id", "bn-hash-" + s, "profile", "bunny", "key_set", set, "origin",
				HOST + "/{video}/", "hash_algorithm", "SHA256")), 400, "invalid-settings");
	}

	private String hmac(String message) throws Exception {
		return hmac(message, new byte[0]);
	}

	/** bunny.net's order: signed path and expires, the IP's bytes, then the sorted parameters (here none after the IP). */
	private String hmac(String beforeIp, byte[] ip) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(securityKey.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
		mac.update(beforeIp.getBytes(StandardCharsets.UTF_8));
		mac.update(ip);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
	}
}
