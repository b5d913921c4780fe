package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Jose;
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
 * Akamai Token Auth 2.0 tokens, minted over HTTP with a hex key imported into an HS256 set as an
 * operator would, compared with what npm's {@code akamai-edgeauth} makes of the same key, start
 * time, window and ACL (or URL); the transition key is the set's NEXT secret.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AkamaiTokenTests {

	static final String HOST = "https://media.example.com";

	final String s = Viewers.suffix();

	final String video = "ak-" + s;

	final String set = "akamai-" + s;

	final String key = hex(32);

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	EndUser user;

	@BeforeAll
	void setUp() throws Exception {
		fixture.videos(video, "ak-other-" + s);
		user = fixture.viewer("ak-viewer-" + s);
		fixture.purchase(user, video);
		api = fixture.api();
		assertCreated(api.adminPost("/api/admin/key-sets", Map.of("name", set, "algorithms", List.of("HS256"))));
		assertCreated(api.adminPost("/api/admin/keys/import", Map.of("secret", key, "set", set, "activate", true)));
		assertCreated(api.createPartner(Map.of("id", "ak-folder-" + s, "profile", "akamai", "key_set", set, "origin",
				HOST + "/videos/{video}/")));
		assertCreated(api.createPartner(Map.of("id", "ak-file-" + s, "profile", "akamai", "key_set", set, "origin",
				HOST + "/videos/{video}/master.m3u8", "settings", Map.of("token_name", "hdnts"))));
	}

	@Test
	void aFolderGetsAnAclTokenAsAkamaisEdgeAuthWritesIt() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "ak-folder-" + s, "user", user.username(), "video", video,
				"ttl", 900));
		String token = (String) minted.get("token");
		long start = Instant.parse((String) minted.get("expires_at")).getEpochSecond() - 900;
		Map<String, Object> edgeAuth = Jose.cdnSign("akamai",
				Map.of("key", key, "startTime", start, "windowSeconds", 900, "acl", "/videos/" + video + "/*"));
		assertThat(token).isEqualTo(edgeAuth.get("token")).startsWith("st=" + start + "~exp=" + (start + 900)
				+ "~acl=/videos/" + video + "/*~hmac=");
		assertThat(map(minted.get("urls"))).containsOnly(Map.entry("url", HOST + "/videos/" + video + "/?__token__=" + token));
		assertThat(map(minted.get("cookies"))).containsOnly(Map.entry("__token__", token));
	}

	@Test
	void oneFileGetsAUrlTokenAndTheIpAsEdgeAuthWritesThem() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "ak-file-" + s, "user", user.username(), "video", video,
				"ttl", 300, "allow", Map.of("ips", List.of("2001:DB8::7"))));
		String token = (String) minted.get("token");
		long start = Instant.parse((String) minted.get("expires_at")).getEpochSecond() - 300;
		String path = "/videos/" + video + "/master.m3u8";
		Map<String, Object> edgeAuth = Jose.cdnSign("akamai",
				Map.of("key", key, "startTime", start, "windowSeconds", 300, "url", path, "ip", "2001:db8::7"));
		assertThat(token).isEqualTo(edgeAuth.get("token")).startsWith("ip=2001:db8::7~st=" + start + "~exp=")
			.doesNotContain("acl=", "url=");
		assertThat(map(minted.get("urls"))).containsOnly(Map.entry("url", HOST + path + "?hdnts=" + token));
		assertThat(map(minted.get("cookies"))).containsOnly(Map.entry("hdnts", token));
	}

	@Test
	void theTransitionKeyIsTheNextSecretAndSignsOnceRotated() throws Exception {
		String rotating = "akamai-rot-" + s;
		assertCreated(api.adminPost("/api/admin/key-sets", Map.of("name", rotating, "algorithms", List.of("HS256"))));
		assertCreated(api.createPartner(Map.of("id", "ak-rot-" + s, "profile", "akamai", "key_set", rotating, "origin",
				HOST + "/{video}/")));
		Map<String, Object> request = Map.of("partner", "ak-rot-" + s, "user", user.username(), "video", video, "ttl", 60);
		assertProblem(api.post(request), 409, "no-signing-key");

		String first = hex(16);
		String transition = hex(16);
		assertCreated(api.adminPost("/api/admin/keys/import", Map.of("secret", first, "set", rotating)));
		assertProblem(api.adminPost("/api/admin/keys/rotate?set=" + rotating, "{}"), 409, "next-secret-missing");
		HttpResponse<String> next = api.adminPost("/api/admin/keys/import", Map.of("secret", transition, "set", rotating));
		assertCreated(next);
		assertThat(JSONObjectUtils.parse(next.body())).containsEntry("state", "NEXT").doesNotContainKey("jwk");
		assertThat(signedWith(api.mint(request), first)).isTrue();

		HttpResponse<String> rotated = api.adminPost("/api/admin/keys/rotate?set=" + rotating, "{}");
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.body()).contains("\"outcome\":\"PROMOTED\"");
		assertThat(signedWith(api.mint(request), transition)).isTrue();
	}

	@Test
	void theTokenNeverOutlivesTheGrant() throws Exception {
		EndUser renter = fixture.viewer("ak-renter-" + s);
		Instant until = fixture.now().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
		fixture.grant(new GrantRequest(renter.username(), null, video, "rental", null, null, null, until.toString(), null));
		Map<String, Object> minted = api.mint(Map.of("partner", "ak-folder-" + s, "user", renter.username(), "video", video,
				"ttl", 3600));
		assertThat(minted).containsEntry("expires_at", until.toString());
		assertThat((String) minted.get("token")).contains("~exp=" + until.getEpochSecond() + "~");
	}

	@Test
	void whatAkamaiCannotExpressIsRefused() {
		String partner = "ak-folder-" + s;
		String u = user.username();
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("ips", List.of("203.0.113.0/24")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("ips", List.of("203.0.113.1", "203.0.113.2")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("countries", List.of("gb")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("origins", List.of("https://www.example.com")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u)), 400, "video-required");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", "ak-other-" + s)), 403, "not-entitled");
		assertProblem(api.createPartner(Map.of("id", "ak-rsa-" + s, "profile", "akamai", "origin", HOST + "/{video}/")), 400,
				"invalid-algorithm");
		assertProblem(api.createPartner(Map.of("id", "ak-name-" + s, "profile", "akamai", "key_set", set, "origin",
				HOST + "/{video}/", "settings", Map.of("token_name", "a b"))), 400, "invalid-settings");
	}

	@Test
	void aSecretThatIsNotHexIsRefusedWithoutShowingIt() throws Exception {
		String plain = "akamai-plain-" + s;
		String secret = "not-hex-but-long-enough-" + s;
		assertCreated(api.adminPost("/api/admin/key-sets", Map.of("name", plain, "algorithms", List.of("HS256"))));
		assertCreated(api.adminPost("/api/admin/keys/import", Map.of("secret", secret, "set", plain, "activate", true)));
		assertCreated(api.createPartner(Map.of("id", "ak-plain-" + s, "profile", "akamai", "key_set", plain, "origin",
				HOST + "/{video}/")));
		HttpResponse<String> refused = api.post(Map.of("partner", "ak-plain-" + s, "user", user.username(), "video", video));
		assertProblem(refused, 409, "secret-not-hex");
		assertThat(refused.body()).doesNotContain(secret);
	}

	/** Whether the token's hmac is the one {@code secret} gives, as EdgeAuth computes it. */
	private boolean signedWith(Map<String, Object> minted, String secret) {
		String token = (String) minted.get("token");
		long start = Long.parseLong(token.replaceFirst("^st=(\\d+)~.*", "$1"));
		long end = Long.parseLong(token.replaceFirst(".*~exp=(\\d+)~.*", "$1"));
		String acl = token.replaceFirst(".*~acl=([^~]*)~.*", "$1");
		return token.equals(Jose.cdnSign("akamai",
				Map.of("key", secret, "startTime", start, "windowSeconds", end - start, "acl", acl)).get("token"));
	}

	static String hex(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}
}
