package dev.ticketbooth.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ticketbooth.TicketboothApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, stop and start again on the same home: keys survive; a wrong KEK stops start-up and loses nothing. */
@ExtendWith(OutputCaptureExtension.class)
class KeyStartupTests {

	@TempDir
	Path home;

	@Test
	void aRestartKeepsTheSameKeysAndTheMasterKeyFileIsPrivate() throws Exception {
		Map<String, String> before;
		try (ConfigurableApplicationContext first = start()) {
			before = publicKeys(first);
		}
		Path masterKey = home.resolve("keys/master.key");
		assertThat(Files.getPosixFilePermissions(masterKey))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		try (ConfigurableApplicationContext second = start()) {
			assertThat(publicKeys(second)).isEqualTo(before);
			KeyRing ring = second.getBean(KeyRing.class);
			assertThat(before).containsKey(ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid());
		}
	}

	@Test
	void aWrongKekStopsStartUpWithAClearMessageAndLosesNoKey(CapturedOutput output) throws Exception {
		String kek = KeyEncryptionKey.generateBase64();
		Map<String, String> before;
		try (ConfigurableApplicationContext first = start("--ticketbooth.kek=" + kek)) {
			before = publicKeys(first);
		}

		assertThatThrownBy(() -> start("--ticketbooth.kek=" + KeyEncryptionKey.generateBase64()))
			.satisfies(ex -> assertThat(KeyEncryptionKeyFailureAnalyzer.find(ex)).isNotNull()
				.extracting(Throwable::getMessage).asString().contains("does not decrypt", "TICKETBOOTH_KEK"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Nothing was changed in the database");

		try (ConfigurableApplicationContext again = start("--ticketbooth.kek=" + kek)) {
			assertThat(publicKeys(again)).isEqualTo(before);
		}
	}

	@Test
	void aCorruptKekIsRefusedAndTheMasterKeyFileIsNotRewritten(CapturedOutput output) throws Exception {
		assertThatThrownBy(() -> start("--ticketbooth.kek=c2hvcnQ=")).satisfies(ex -> assertThat(
				KeyEncryptionKeyFailureAnalyzer.find(ex).getMessage()).contains("is 5 bytes long", "exactly 32"));
		assertThatThrownBy(() -> start("--ticketbooth.kek=not*base64")).satisfies(
				ex -> assertThat(KeyEncryptionKeyFailureAnalyzer.find(ex).getMessage()).contains("not valid base64"));

		Path masterKey = home.resolve("keys/master.key");
		Files.createDirectories(masterKey.getParent());
		Files.writeString(masterKey, "garbage!\n", StandardCharsets.US_ASCII);
		assertThatThrownBy(() -> start()).satisfies(ex -> assertThat(KeyEncryptionKeyFailureAnalyzer.find(ex).getMessage())
			.contains(masterKey.toString(), "not valid base64"));
		assertThat(Files.readString(masterKey)).isEqualTo("garbage!\n");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "openssl rand -base64 32");
	}

	private ConfigurableApplicationContext start(String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("--ticketbooth.home=" + home,
				"--ticketbooth.scheduling.enabled=false", "--ticketbooth.admin-password=test-admin-password",
				"--logging.level.root=WARN"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(TicketboothApplication.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	private static Map<String, String> publicKeys(ConfigurableApplicationContext context) {
		return context.getBean(KeyRing.class).keys().stream().collect(Collectors.toMap(RingKey::kid,
				k -> java.util.Base64.getEncoder().encodeToString(k.publicKey().getEncoded())));
	}
}
