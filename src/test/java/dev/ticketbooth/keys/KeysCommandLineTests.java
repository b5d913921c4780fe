package dev.ticketbooth.keys;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.ticketbooth.KeysCommandLineApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar ticketbooth.jar keys ...} against a real home folder and H2 file database. */
class KeysCommandLineTests {

	@TempDir
	Path home;

	private final String kek = KeyEncryptionKey.generateBase64();

	record Run(int exit, String out, String err) {
	}

	@Test
	void listsRotatesAndExportsKeys() throws Exception {
		Run list = keys("list");
		assertThat(list.exit()).as(list.err()).isZero();
		assertThat(list.out()).contains("ACTIVE", "NEXT", "default");
		String active = kidIn(list.out(), "ACTIVE");

		Run refused = keys("rotate");
		assertThat(refused.exit()).isEqualTo(1);
		assertThat(refused.err()).contains("verifiers may not have it", "force");

		Run forced = keys("rotate", "--force");
		assertThat(forced.exit()).as(forced.err()).isZero();
		assertThat(forced.out()).contains("PROMOTED", "retired=" + active);
		assertThat(kidIn(keys("list").out(), "RETIRED")).isEqualTo(active);

		Path pem = home.resolve("active.pem");
		Run export = keys("export", active, "--out", pem.toString());
		assertThat(export.exit()).as(export.err()).isZero();
		assertThat(KeyAlgorithm.RS256.publicJwk(null, PemCodec.readPublicKey(Files.readString(pem))).computeThumbprint()
			.toString()).isEqualTo(active);

		Run revoke = keys("revoke", active);
		assertThat(revoke.exit()).as(revoke.err()).isZero();
		assertThat(revoke.out()).contains("REVOKED");
	}

	@Test
	void importsAnEncryptedKeyIntoAPartnerSetWithItsKeyId() throws Exception {
		assertThat(keys("create-set", "vidbeo").exit()).isZero();
		var pair = KeyAlgorithm.RS256.newKeyPair();
		Path file = home.resolve("vidbeo.pem");
		Files.writeString(file, PemCodec.writeEncryptedPkcs8(pair.getPrivate(), "pw".toCharArray()));
		// the password comes from an environment variable, never the command line; PATH is always set
		Run withoutPassword = keys("import", file.toString(), "--set", "vidbeo");
		assertThat(withoutPassword.exit()).isEqualTo(1);
		assertThat(withoutPassword.err()).contains("encrypted");

		Files.writeString(file, PemCodec.writePkcs8(pair.getPrivate()));
		Run imported = keys("import", file.toString(), "--set", "vidbeo", "--partner-key-id", "vb-42", "--activate");
		assertThat(imported.exit()).as(imported.err()).isZero();
		assertThat(imported.out()).contains("vidbeo", "ACTIVE", "vb-42");
	}

	@Test
	void importsCloudflaresBase64JwkAsItComesWithItsKeyId() throws Exception {
		assertThat(keys("create-set", "cloudflare").exit()).isZero();
		var pair = KeyAlgorithm.RS256.newKeyPair();
		Path file = home.resolve("cloudflare.jwk.b64");
		Files.writeString(file, PrivateKeyTextTests.base64(PrivateKeyTextTests.rsaJwk(pair).toJSONString()) + "\n");
		Run imported = keys("import", file.toString(), "--set", "cloudflare", "--partner-key-id", "cf-7", "--activate");
		assertThat(imported.exit()).as(imported.err()).isZero();
		String thumbprint = KeyAlgorithm.RS256.publicJwk(null, pair.getPublic()).computeThumbprint().toString();
		assertThat(imported.out()).contains(thumbprint, "cloudflare", "ACTIVE", "cf-7");

		Files.writeString(file, "not a key");
		Run garbage = keys("import", file.toString(), "--set", "cloudflare");
		assertThat(garbage.exit()).isEqualTo(1);
		assertThat(garbage.err()).contains("PEM", "JWK");
	}

	@Test
	void importsACdnSecretFromAFileAndNeverExportsIt() throws Exception {
		assertThat(keys("create-set", "akamai", "--algorithm", "HS256").exit()).isZero();
		String secret = "00112233445566778899aabbccddeeff";
		Path file = home.resolve("akamai.key");
		Files.writeString(file, secret + "\n");
		Run imported = keys("import-secret", file.toString(), "--set", "akamai", "--activate");
		assertThat(imported.exit()).as(imported.err()).isZero();
		assertThat(imported.out()).contains("akamai", "HS256", "ACTIVE").doesNotContain(secret);
		Run list = keys("list");
		assertThat(list.out()).contains("HS256").doesNotContain(secret);
		String secretKid = list.out().lines().filter(l -> l.contains(" HS256 ")).findFirst().orElseThrow().split("\\s+")[0];
		Run export = keys("export", secretKid);
		assertThat(export.exit()).isEqualTo(1);
		assertThat(export.err()).contains("never exported").doesNotContain(secret);
		assertThat(keys("import-secret", file.toString()).exit()).as("no --set").isEqualTo(2);
	}

	@Test
	void usageErrorsExitWith2AndAWrongKekWith1() {
		Run unknown = keys("frobnicate");
		assertThat(unknown.exit()).isEqualTo(2);
		assertThat(unknown.err()).contains("unknown command", "usage:");
		assertThat(keys("revoke").exit()).isEqualTo(2);

		assertThat(keys("list").exit()).isZero();
		Run wrongKek = run(List.of("keys", "list", "--ticketbooth.home=" + home,
				"--ticketbooth.kek=" + KeyEncryptionKey.generateBase64()));
		assertThat(wrongKek.exit()).isEqualTo(1);
		assertThat(wrongKek.err()).contains("does not decrypt", "Nothing was changed");
	}

	@Test
	void anUnreachableDatabaseIsOneLineNotAStackTrace() {
		Run down = run(List.of("keys", "list", "--ticketbooth.home=" + home, "--ticketbooth.kek=" + kek,
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/ticketbooth", "--spring.datasource.username=x",
				"--spring.datasource.hikari.connection-timeout=250"));
		assertThat(down.exit()).isEqualTo(1);
		assertThat(down.err()).startsWith("error: the database cannot be used: ").doesNotContain("\tat ", "Exception");
		assertThat(down.err().strip().lines()).hasSize(1);
		assertThat(down.out()).isEmpty();
	}

	private Run keys(String... words) {
		List<String> args = new ArrayList<>(List.of("keys"));
		args.addAll(List.of(words));
		args.add("--ticketbooth.home=" + home);
		args.add("--ticketbooth.kek=" + kek);
		return run(args);
	}

	private static Run run(List<String> args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = KeysCommandLine.run(args.toArray(String[]::new), KeysCommandLineApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static String kidIn(String listing, String state) {
		return listing.lines().filter(l -> l.contains(" " + state + " ")).findFirst().orElseThrow().split("\\s+")[0];
	}
}
