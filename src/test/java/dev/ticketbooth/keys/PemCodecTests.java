package dev.ticketbooth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemCodecTests {

	private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

	@ParameterizedTest
	@EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "HS256") // a secret has no PEM
	void pkcs8RoundTrips(KeyAlgorithm algorithm) throws Exception {
		KeyPair pair = algorithm.newKeyPair();
		String pem = PemCodec.writePkcs8(pair.getPrivate());
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
		assertSamePair(PemCodec.readKeyPair(pem, null), pair);
	}

	@ParameterizedTest
	@EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "HS256") // a secret has no PEM
	void encryptedPkcs8RoundTripsWithItsPasswordOnly(KeyAlgorithm algorithm) throws Exception {
		KeyPair pair = algorithm.newKeyPair();
		String pem = PemCodec.writeEncryptedPkcs8(pair.getPrivate(), PASSWORD);
		assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
		assertSamePair(PemCodec.readKeyPair(pem, PASSWORD), pair);
		assertThatThrownBy(() -> PemCodec.readKeyPair(pem, "wrong".toCharArray())).satisfies(code("pem-decryption-failed"));
		assertThatThrownBy(() -> PemCodec.readKeyPair(pem, null)).satisfies(code("pem-password-required"));
	}

	@ParameterizedTest
	@EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.EXCLUDE, names = "HS256") // a secret has no PEM
	void spkiRoundTripsAndIsRefusedAsASigningKey(KeyAlgorithm algorithm) {
		KeyPair pair = algorithm.newKeyPair();
		String pem = PemCodec.writePublicKey(pair.getPublic());
		assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
		assertThat(PemCodec.readPublicKey(pem).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
		assertThatThrownBy(() -> PemCodec.readKeyPair(pem, null)).satisfies(code("private-key-required"));
	}

	@Test
	void pkcs1RsaRoundTrips() throws Exception {
		KeyPair pair = KeyAlgorithm.RS256.newKeyPair();
		String pem = PemCodec.writeTraditional(pair);
		assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertSamePair(PemCodec.readKeyPair(pem, null), pair);
	}

	@ParameterizedTest
	@EnumSource(names = { "ES256", "ES384" })
	void sec1EcRoundTrips(KeyAlgorithm algorithm) throws Exception {
		KeyPair pair = algorithm.newKeyPair();
		String pem = PemCodec.writeTraditional(pair);
		assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
		assertSamePair(PemCodec.readKeyPair(pem, null), pair);
		assertThat(KeyAlgorithm.of(PemCodec.readKeyPair(pem, null).getPublic())).isEqualTo(algorithm);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "-----BEGIN PRIVATE KEY-----\nnot base64 at all!!\n-----END PRIVATE KEY-----\n",
			"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
			"-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n" })
	void malformedPemIsACleanError(String pem) {
		assertThatThrownBy(() -> PemCodec.readKeyPair(pem, null)).isInstanceOfSatisfying(PemCodec.PemException.class,
				ex -> assertThat(ex.code()).isIn("malformed-pem", "unsupported-pem"));
	}

	@Test
	void oversizedPemIsRefusedBeforeParsing() {
		String pem = "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(PemCodec.MAX_PEM_CHARS) + "\n-----END PRIVATE KEY-----\n";
		assertThatThrownBy(() -> PemCodec.readKeyPair(pem, null)).satisfies(code("malformed-pem"));
	}

	@Test
	void weakAndUnsupportedKeysAreRefused() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(1024);
		assertThatThrownBy(() -> PemCodec.readKeyPair(PemCodec.writePkcs8(rsa.generateKeyPair().getPrivate()), null))
			.satisfies(code("weak-key"));
		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp521r1"));
		assertThatThrownBy(() -> PemCodec.readKeyPair(PemCodec.writePkcs8(ec.generateKeyPair().getPrivate()), null))
			.satisfies(code("unsupported-key"));
		KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
		assertThatThrownBy(() -> PemCodec.readKeyPair(PemCodec.writePkcs8(ed448.getPrivate()), null))
			.satisfies(code("unsupported-key"));
	}

	/** OpenSSL writes every format; we must read each and derive the same public key it does. */
	@ParameterizedTest
	@ValueSource(strings = { "RSA:rsa_keygen_bits:2048", "EC:ec_paramgen_curve:P-256", "EC:ec_paramgen_curve:P-384",
			"ED25519" })
	void readsEveryFormatOpenSslWrites(String spec, @TempDir Path dir) throws Exception {
		Path key = dir.resolve("key.pem");
		String[] parts = spec.split(":");
		List<String> genpkey = new ArrayList<>(List.of("genpkey", "-algorithm", parts[0], "-out", key.toString()));
		if (parts.length == 3) {
			genpkey.addAll(List.of("-pkeyopt", parts[1] + ":" + parts[2]));
		}
		openssl(genpkey.toArray(String[]::new));
		openssl("pkey", "-in", key.toString(), "-pubout", "-out", dir.resolve("pub.pem").toString());
		openssl("pkcs8", "-topk8", "-in", key.toString(), "-v2", "aes-256-cbc", "-passout", "pass:secret", "-out",
				dir.resolve("enc.pem").toString());
		String expectedPublic = Files.readString(dir.resolve("pub.pem"));
		byte[] spki = PemCodec.readPublicKey(expectedPublic).getEncoded();

		assertThat(PemCodec.readKeyPair(Files.readString(key), null).getPublic().getEncoded()).isEqualTo(spki);
		assertThat(PemCodec.readKeyPair(Files.readString(dir.resolve("enc.pem")), "secret".toCharArray()).getPublic()
			.getEncoded()).isEqualTo(spki);
		if (!parts[0].equals("ED25519")) {
			openssl("pkey", "-in", key.toString(), "-traditional", "-out", dir.resolve("trad.pem").toString());
			String traditional = Files.readString(dir.resolve("trad.pem"));
			assertThat(traditional).containsAnyOf("BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY");
			assertThat(PemCodec.readKeyPair(traditional, null).getPublic().getEncoded()).isEqualTo(spki);
		}
		// and OpenSSL reads what we write
		Files.writeString(dir.resolve("ours.pem"), PemCodec.writePublicKey(PemCodec.readPublicKey(expectedPublic)));
		openssl("pkey", "-pubin", "-in", dir.resolve("ours.pem").toString(), "-out", dir.resolve("again.pem").toString());
		assertThat(Files.readString(dir.resolve("again.pem"))).isEqualTo(expectedPublic);
	}

	private static void openssl(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(args));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			Assumptions.abort("the openssl command is not installed; .ci/run installs it");
			return;
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("openssl " + String.join(" ", args) + ": " + output).isZero();
	}

	/** Same public key, and the private key read back signs what the original public key verifies. */
	private static void assertSamePair(KeyPair read, KeyPair original) throws Exception {
		assertThat(read.getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
		KeyAlgorithm algorithm = KeyAlgorithm.of(original.getPublic());
		byte[] message = "round trip".getBytes(StandardCharsets.UTF_8);
		Signature signer = Signature.getInstance(algorithm.signatureAlgorithm());
		signer.initSign(read.getPrivate());
		signer.update(message);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
		verifier.initVerify(original.getPublic());
		verifier.update(message);
		assertThat(verifier.verify(signature)).isTrue();
	}

	private static java.util.function.Consumer<Throwable> code(String code) {
		return ex -> assertThat(ex).isInstanceOfSatisfying(PemCodec.PemException.class,
				pem -> assertThat(pem.code()).isEqualTo(code));
	}
}
