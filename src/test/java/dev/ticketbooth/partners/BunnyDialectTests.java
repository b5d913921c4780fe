package dev.ticketbooth.partners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.spec.SecretKeySpec;

import dev.ticketbooth.config.ApiProblemException;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyOrigin;
import dev.ticketbooth.keys.KeyState;
import dev.ticketbooth.keys.RingKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * bunny.net's documented examples, reproduced exactly: the inputs and signed URLs that bunny.net
 * publishes with its signing code (BunnyWay/BunnyCDN.TokenAuthentication, {@code e2e/inputs.json}
 * and {@code e2e/vectors.json}: security key {@code SecurityKey}, expiry 1598024587, host
 * {@code token-tester.b-cdn.net}). The cases a partner can ask for go through the dialect whole;
 * the path-scoped and directory ones through the token it signs with.
 */
class BunnyDialectTests {

	static final String HOST = "https://token-tester.b-cdn.net";

	static final Instant EXPIRES = Instant.ofEpochSecond(1598024587);

	static final RingKey KEY = new RingKey("kid", "bunny", KeyAlgorithm.HS256, KeyState.ACTIVE, KeyOrigin.IMPORTED, null,
			null, null, EXPIRES, EXPIRES, null, null,
			new SecretKeySpec("SecurityKey".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));

	static final String V6 = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";

	final BunnyDialect dialect = new BunnyDialect();

	@Test
	void plain() {
		assertThat(signedUrl("/{video}", "300kb.jpg", AllowRules.NONE)).isEqualTo(HOST
				+ "/300kb.jpg?token=HS256-o10JRWlsAItyAsdKS6jJKjabHN4FrFsplDHPV1idcX4&expires=1598024587");
	}

	@Test
	void countriesOnly() {
		assertThat(signedUrl("/{video}", "300kb.jpg", AllowRules.of(null, null, List.of("ca", "us")))).isEqualTo(HOST
				+ "/300kb.jpg?token=HS256-i5s3Uv7mnrFfN5nznwU2BxhILpnipYeE18TapV0WNFM&token_countries=CA%2CUS&expires=1598024587");
	}

	@Test
	void ipV4Only() {
		assertThat(signedUrl("/{video}", "300kb.jpg", AllowRules.of(List.of("1.2.3.4"), null, null))).isEqualTo(HOST
				+ "/300kb.jpg?token=HS256-1-L2rISTLcujMY9UFf2tbZ41d5i-Bme1g1oTK_Z2QMLJk&expires=1598024587");
	}

	@Test
	void ipV6OnlyLocksTheSlash64AsBunnyDoes() {
		String expected = HOST + "/300kb.jpg?token=HS256-1-Z1BaGdhTZdU4iANcyKpurFR2VgCNdqC6hlBv5x_TyaI&expires=1598024587";
		assertThat(signedUrl("/{video}", "300kb.jpg", AllowRules.of(List.of(V6), null, null))).isEqualTo(expected);
		assertThat(signedUrl("/{video}", "300kb.jpg", AllowRules.of(List.of("2001:db8:85a3::/64"), null, null)))
			.isEqualTo(expected);
	}

	@Test
	void pathScopedTokens() {
		assertThat(BunnyDialect.token(KEY, "/abc", "1598024587", null, new TreeMap<>(Map.of("token_path", "/abc"))))
			.isEqualTo("HS256-uVZvT3SbEoVKYJyDJgbcsDmSFf73cv-uNUVaJiKWpbQ");
		assertThat(BunnyDialect.token(KEY, "/abc", "1598024587", "1.2.3.4", new TreeMap<>(Map.of("token_path", "/abc"))))
			.isEqualTo("HS256-1-wag9tC0r1QWfg-2eMj5QcdzgPLCIdQb-D0WVU1Mhg2w");
	}

	@Test
	void directoryTokens() {
		Map<String, String> countries = new TreeMap<>(Map.of("token_countries", "CA,US"));
		assertThat(BunnyDialect.token(KEY, "/abc/", "1598024587", "1.2.3.4", countries))
			.isEqualTo("HS256-1-4lIDGI2_t3wiTmopXzB7z71wtZKTe1Ic0lDlL72iAJw");
		assertThat(BunnyDialect.token(KEY, "/abc/", "1598024587", V6, countries))
			.isEqualTo("HS256-1-LGpoP8i1bV4P1kN4NrO_iYxLJuLAD2R3Clstsy9kWAc");
	}

	/** A folder origin: a directory token in the path, scoped to the folder by token_path so every file under it plays. */
	@Test
	void aFolderGetsADirectoryTokenForTheWholeFolder() {
		String url = signedUrl("/{video}/", "abc", AllowRules.of(List.of("1.2.3.4"), null, List.of("ca", "us")));
		String token = BunnyDialect.token(KEY, "/abc/", "1598024587", "1.2.3.4",
				new TreeMap<>(Map.of("token_countries", "CA,US", "token_path", "/abc/")));
		assertThat(url).isEqualTo(
				HOST + "/bcdn_token=" + token + "&token_countries=CA%2CUS&token_path=%2Fabc%2F&expires=1598024587/abc/");
	}

	@Test
	void whatBunnyCannotExpressIsRefused() {
		for (AllowRules rules : List.of(AllowRules.of(List.of("1.2.3.0/24"), null, null),
				AllowRules.of(List.of("2001:db8::/48"), null, null), AllowRules.of(List.of("1.2.3.4", "1.2.3.5"), null, null),
				AllowRules.of(null, List.of("https://www.example.com"), null))) {
			assertThatThrownBy(() -> dialect.checkRules(rules)).isInstanceOfSatisfying(ApiProblemException.class,
					ex -> assertThat(ex.code()).isEqualTo("rule-not-supported"));
		}
		dialect.checkRules(AllowRules.of(List.of("1.2.3.4/32"), null, List.of("gb", "de", "fr", "it", "es")));
	}

	private String signedUrl(String path, String video, AllowRules rules) {
		Partner partner = new Partner("bunny", PartnerProfile.BUNNY, "bunny", KeyAlgorithm.HS256, "iss", null,
				Duration.ofHours(1), Duration.ofHours(1), Map.of(), Map.of(), false, null, false, PartnerRules.parse(null),
				EXPIRES, dialect.checkSettings(Map.of("origin", HOST + path)));
		dialect.checkRules(rules);
		return dialect.sign(partner, new Dialect.Mint("user", video, "jti", EXPIRES.minusSeconds(3600), EXPIRES, rules), KEY)
			.urls().get("url");
	}
}
