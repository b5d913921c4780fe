package dev.ticketbooth.playback;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Jose;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.PemCodec;
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
 * Amazon CloudFront signed URLs and cookies, minted over HTTP with a key imported as an operator
 * would (its CloudFront public key id recorded), compared byte for byte with what AWS's own npm
 * signer ({@code @aws-sdk/cloudfront-signer}) makes of the same key, URL and expiry: RSA PKCS#1
 * v1.5 is deterministic, so any difference in policy, encoding or parameter order shows.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudFrontTokenTests {

	static final String HOST = "https://d111111abcdef8.cloudfront.net";

	final String s = Viewers.suffix();

	final String video = "cfr-" + s;

	final String set = "cloudfront-" + s;

	final String keyPairId = "K2JCJMDEHX" + s.toUpperCase();

	@Autowired
	PlaybackFixture fixture;

	PlaybackApi api;

	EndUser user;

	String privatePem;

	@BeforeAll
	void setUp() throws Exception {
		fixture.videos(video, "cfr-other-" + s);
		user = fixture.viewer("cfr-viewer-" + s);
		fixture.purchase(user, video);
		api = fixture.api();
		KeyPair pair = KeyAlgorithm.RS256.newKeyPair();
		privatePem = PemCodec.writeTraditional(pair);
		assertCreated(api.adminPost("/api/admin/key-sets", Map.of("name", set)));
		assertCreated(api.adminPost("/api/admin/keys/import",
				Map.of("pem", privatePem, "set", set, "partner_key_id", keyPairId, "activate", true)));
		assertCreated(api.createPartner(Map.of("id", "cf-folder-" + s, "profile", "cloudfront", "key_set", set, "origin",
				HOST + "/videos/{video}/")));
		assertCreated(api.createPartner(Map.of("id", "cf-file-" + s, "profile", "cloudfront", "key_set", set, "origin",
				HOST + "/videos/{video}.m3u8")));
		assertCreated(api.createPartner(Map.of("id", "cf-sha256-" + s, "profile", "cloudfront", "key_set", set, "origin",
				HOST + "/videos/{video}/", "hash_algorithm", "SHA256")));
	}

	@Test
	void oneFileGetsACannedPolicyByteForByteAsAwssSigner() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "cf-file-" + s, "user", user.username(), "video", video,
				"ttl", 600));
		long expires = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		String url = HOST + "/videos/" + video + ".m3u8";
		Map<String, Object> aws = Jose.cdnSign("cloudfront",
				Map.of("privateKey", privatePem, "keyPairId", keyPairId, "url", url, "expires", expires));
		assertThat(map(minted.get("urls"))).containsOnly(Map.entry("url", aws.get("url")));
		assertThat((String) aws.get("url")).startsWith(url + "?Expires=" + expires + "&Key-Pair-Id=" + keyPairId + "&Signature=");
		assertThat(map(minted.get("cookies"))).isEqualTo(cookies(aws)).containsOnlyKeys("CloudFront-Expires",
				"CloudFront-Signature", "CloudFront-Key-Pair-Id");
		assertThat(minted).doesNotContainKey("token");
	}

	@Test
	void aFolderGetsAWildcardCustomPolicyByteForByteAsAwssSigner() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "cf-folder-" + s, "user", user.username(), "video", video));
		long expires = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		String folder = HOST + "/videos/" + video + "/";
		String policy = "{\"Statement\":[{\"Resource\":\"" + folder + "*\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
				+ expires + "}}}]}";
		String url = (String) map(minted.get("urls")).get("url");
		assertThat(decodedPolicy(url)).isEqualTo(policy);
		Map<String, Object> aws = Jose.cdnSign("cloudfront",
				Map.of("privateKey", privatePem, "keyPairId", keyPairId, "url", folder, "policy", policy));
		assertThat(url).isEqualTo(aws.get("url")).startsWith(folder + "?Policy=");
		assertThat(map(minted.get("cookies"))).isEqualTo(cookies(aws)).containsOnlyKeys("CloudFront-Policy",
				"CloudFront-Signature", "CloudFront-Key-Pair-Id");
	}

	@Test
	void anIpRuleBecomesTheCustomPolicysIpAddressAsAwssSignerWritesIt() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "cf-file-" + s, "user", user.username(), "video", video,
				"allow", Map.of("ips", List.of("203.0.113.7"))));
		long expires = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		String url = HOST + "/videos/" + video + ".m3u8";
		Map<String, Object> aws = Jose.cdnSign("cloudfront", Map.of("privateKey", privatePem, "keyPairId", keyPairId, "url",
				url, "expires", expires, "ipAddress", "203.0.113.7"));
		assertThat(map(minted.get("urls"))).containsOnly(Map.entry("url", aws.get("url")));
		assertThat(decodedPolicy((String) aws.get("url"))).contains("\"IpAddress\":{\"AWS:SourceIp\":\"203.0.113.7/32\"}");
		assertThat(map(minted.get("cookies"))).isEqualTo(cookies(aws));

		Map<String, Object> range = api.mint(Map.of("partner", "cf-folder-" + s, "user", user.username(), "video", video,
				"allow", Map.of("ips", List.of("198.51.100.0/24"))));
		assertThat(decodedPolicy((String) map(range.get("urls")).get("url")))
			.endsWith(",\"IpAddress\":{\"AWS:SourceIp\":\"198.51.100.0/24\"}}}]}");
	}

	@Test
	void sha256WhenThePartnerSaysSoAsAwssSigner() throws Exception {
		Map<String, Object> minted = api.mint(Map.of("partner", "cf-sha256-" + s, "user", user.username(), "video", video));
		long expires = Instant.parse((String) minted.get("expires_at")).getEpochSecond();
		String folder = HOST + "/videos/" + video + "/";
		String url = (String) map(minted.get("urls")).get("url");
		Map<String, Object> aws = Jose.cdnSign("cloudfront", Map.of("privateKey", privatePem, "keyPairId", keyPairId, "url",
				folder, "policy", decodedPolicy(url), "algorithm", "SHA256"));
		assertThat(url).isEqualTo(aws.get("url")).endsWith("&Hash-Algorithm=SHA256");
		assertThat(decodedPolicy(url)).contains("\"AWS:EpochTime\":" + expires);
		assertThat(map(minted.get("cookies"))).isEqualTo(cookies(aws)).containsEntry("CloudFront-Hash-Algorithm",
				"SHA256");
		assertThat(fixture.partner("cf-sha256-" + s).settings()).containsEntry("hash_algorithm", "SHA256");
		assertThat(fixture.partner("cf-file-" + s).settings()).containsEntry("hash_algorithm", "SHA1");
	}

	@Test
	void theUrlNeverOutlivesTheGrant() throws Exception {
		EndUser renter = fixture.viewer("cfr-renter-" + s);
		Instant until = fixture.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
		fixture.grant(new GrantRequest(renter.username(), null, video, "rental", null, null, null, until.toString(), null));
		Map<String, Object> minted = api.mint(Map.of("partner", "cf-file-" + s, "user", renter.username(), "video", video,
				"ttl", 3600));
		assertThat(minted).containsEntry("expires_at", until.toString());
		assertThat((String) map(minted.get("urls")).get("url")).contains("?Expires=" + until.getEpochSecond() + "&");
		assertThat(map(minted.get("cookies"))).containsEntry("CloudFront-Expires", String.valueOf(until.getEpochSecond()));
	}

	@Test
	void whatCloudFrontCannotExpressIsRefused() {
		String partner = "cf-file-" + s;
		String u = user.username();
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("ips", List.of("203.0.113.7", "203.0.113.8")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("ips", List.of("2001:db8::1")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("countries", List.of("gb")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "allow",
				Map.of("origins", List.of("https://www.example.com")))), 400, "rule-not-supported");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", video, "downloadable", true)), 400,
				"invalid-request");
		assertProblem(api.post(Map.of("partner", partner, "user", u)), 400, "video-required");
		assertProblem(api.post(Map.of("partner", partner, "user", u, "video", "cfr-other-" + s)), 403, "not-entitled");
	}

	@Test
	void partnersNeedAnOriginWithOneVideoAndAKnownHashAlgorithm() throws Exception {
		String base = "{\"profile\":\"cloudfront\",\"key_set\":\"" + set + "\"";
		for (String bad : List.of("", ",\"origin\":\"https://d1.cloudfront.net/videos/\"",
				",\"origin\":\"ftp://d1.cloudfront.net/{video}/\"", ",\"origin\":\"https://{video}.cloudfront.net/x/\"",
				",\"origin\":\"https://d1.cloudfront.net/{video}/{video}\"",
				",\"origin\":\"https://d1.cloudfront.net/{video}?a=b\"",
				",\"origin\":\"https://d1.cloudfront.net/{video}/*\"",
				",\"origin\":\"https://d1.cloudfront.net/{video}/\",\"hash_algorithm\":\"MD5\"",
				",\"origin\":\"https://d1.cloudfront.net/{video}/\",\"settings\":{\"origin\":\"https://d2.cloudfront.net/{video}/\"}",
				",\"origin\":\"https://d1.cloudfront.net/{video}/\",\"settings\":{\"customer_code\":\"abc\"}")) {
			assertProblem(api.createPartner("{\"id\":\"cf-bad-" + s + "\"" + base.substring(1).replaceFirst("^", ",") + bad + "}"),
					400, "invalid-settings");
		}
		assertProblem(api.createPartner("{\"id\":\"cf-templ-" + s + "\"," + base.substring(1)
				+ ",\"origin\":\"https://d1.cloudfront.net/{video}/\",\"url_templates\":{\"hls\":\"https://x/{token}\"}}"), 400,
				"invalid-url-template");
		assertProblem(api.createPartner("{\"id\":\"cf-es-" + s + "\"," + base.substring(1)
				+ ",\"origin\":\"https://d1.cloudfront.net/{video}/\",\"algorithm\":\"ES256\"}"), 400, "invalid-algorithm");
		HttpResponse<String> created = api.createPartner("{\"id\":\"cf-ok-" + s + "\"," + base.substring(1)
				+ ",\"settings\":{\"origin\":\"https://d1.cloudfront.net/{video}/\",\"hash_algorithm\":\"sha256\"}}");
		assertCreated(created);
		Map<String, Object> partner = JSONObjectUtils.parse(created.body());
		assertThat(partner).containsEntry("origin", "https://d1.cloudfront.net/{video}/")
			.containsEntry("hash_algorithm", "SHA256");
		assertThat(map(partner.get("settings"))).containsEntry("origin", "https://d1.cloudfront.net/{video}/")
			.containsEntry("hash_algorithm", "SHA256");
	}

	@Test
	void withoutCloudFrontsPublicKeyIdNothingIsSigned() throws Exception {
		String bare = "cloudfront-bare-" + s;
		fixture.keySet(bare, KeyAlgorithm.RS256);
		assertCreated(api.createPartner(Map.of("id", "cf-bare-" + s, "profile", "cloudfront", "key_set", bare, "origin",
				HOST + "/{video}/")));
		assertProblem(api.post(Map.of("partner", "cf-bare-" + s, "user", user.username(), "video", video)), 409,
				"partner-key-id-missing");
		// and the set is then not rotated while its NEXT key has no id: CloudFront would not know the key that signs
		HttpResponse<String> rotate = api.adminPost("/api/admin/keys/rotate?set=" + bare, "{}");
		assertThat(rotate.statusCode()).as(rotate.body()).isEqualTo(409);
	}

	/** The {@code Policy} parameter of a signed URL, decoded as CloudFront decodes it. */
	static String decodedPolicy(String url) {
		String policy = url.replaceFirst(".*[?&]Policy=([^&]*).*", "$1");
		return new String(Base64.getDecoder().decode(policy.replace('-', '+').replace('_', '=').replace('~', '/')),
				StandardCharsets.UTF_8);
	}

	/** The signer's cookies as a Cookie header carries them: text (it gives CloudFront-Expires as a number). */
	static Map<String, Object> cookies(Map<String, Object> signed) {
		Map<String, Object> cookies = new HashMap<>();
		map(signed.get("cookies")).forEach((name, value) -> cookies.put(name, String.valueOf(value)));
		return cookies;
	}
}
