package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyEncryptionKeyTests {

	private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64(), "test");

	@Test
	void ciphertextIsBoundToItsContextAndDetectsTampering() {
		byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = kek.encrypt(secret, "signing-key:a");
		assertThat(kek.decrypt(sealed, "signing-key:a")).isEqualTo(secret);
		assertThat(kek.encrypt(secret, "signing-key:a")).as("fresh nonce each time").isNotEqualTo(sealed);

		assertThatThrownBy(() -> kek.decrypt(sealed, "signing-key:b")).isInstanceOf(KeyEncryptionKeyException.class);
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> kek.decrypt(sealed, "signing-key:a")).isInstanceOf(KeyEncryptionKeyException.class);
		assertThatThrownBy(() -> kek.decrypt(new byte[] { 1, 2, 3 }, "signing-key:a"))
			.isInstanceOf(KeyEncryptionKeyException.class).hasMessageContaining("malformed");
	}

	@Test
	void aMasterKeyFileIsCreatedOnceAndThenReused(@TempDir Path keys) throws Exception {
		KeyEncryptionKey first = KeyEncryptionKey.load(null, keys);
		String content = Files.readString(keys.resolve("master.key"));
		byte[] sealed = first.encrypt(new byte[] { 42 }, "x");

		KeyEncryptionKey second = KeyEncryptionKey.load("", keys);
		assertThat(Files.readString(keys.resolve("master.key"))).isEqualTo(content);
		assertThat(second.decrypt(sealed, "x")).containsExactly(42);
	}

	@Test
	void anEnvironmentKekWinsOverTheFile(@TempDir Path keys) {
		String base64 = KeyEncryptionKey.generateBase64();
		KeyEncryptionKey fromEnv = KeyEncryptionKey.load(base64, keys);
		assertThat(fromEnv.source()).isEqualTo("TICKETBOOTH_KEK");
		assertThat(Files.exists(keys.resolve("master.key"))).isFalse();
		assertThat(KeyEncryptionKey.fromBase64(base64, "again").decrypt(fromEnv.encrypt(new byte[] { 7 }, "c"), "c"))
			.containsExactly(7);
	}
}
