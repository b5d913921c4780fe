package dev.ticketbooth.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import dev.ticketbooth.TicketboothApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relative home (the default is ".") means the working directory, also for a web server; the
 * home, {@code data/} and {@code keys/} are private to the server's user.
 */
@ExtendWith(OutputCaptureExtension.class)
class HomeFolderTests {

	@Test
	void aRelativeHomeIsTheWorkingDirectoryNotTheServletContainersTempFolder() throws Exception {
		String relative = "target/home-" + UUID.randomUUID();
		Path expected = Path.of(relative).toAbsolutePath();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TicketboothApplication.class).run(
				"--server.port=0", "--ticketbooth.home=" + relative, "--ticketbooth.scheduling.enabled=false",
				"--ticketbooth.admin-password=test-admin-password")) {
			assertThat(context.getBean(TicketboothProperties.class).home()).isEqualTo(expected);
			assertThat(Files.exists(expected.resolve("keys/master.key"))).isTrue();
			assertThat(Files.exists(expected.resolve("data/ticketbooth.mv.db"))).isTrue();
			// created by the server: nobody else on the machine may read the database or the KEK
			assertThat(mode(expected)).isEqualTo("rwx------");
			assertThat(mode(expected.resolve("data"))).isEqualTo("rwx------");
			assertThat(mode(expected.resolve("keys"))).isEqualTo("rwx------");
			assertThat(mode(expected.resolve("data/ticketbooth.mv.db"))).isEqualTo("rw-------");
			assertThat(mode(expected.resolve("keys/master.key"))).isEqualTo("rw-------");
		}
		finally {
			FileSystemUtils.deleteRecursively(expected);
		}
	}

	@Test
	void foldersLeftOpenByAnOlderVersionAreTightenedAndAnOpenHomeIsReported(@TempDir Path home, CapturedOutput output)
			throws Exception {
		Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createDirectories(home.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path database = Files.createFile(home.resolve("data/ticketbooth.mv.db"));
		Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

		HomeFolder.prepare(home);
		new HomeFolderCheck(new TicketboothProperties(home, "http://localhost:8080", null, null)).afterSingletonsInstantiated();

		assertThat(mode(home.resolve("data"))).isEqualTo("rwx------");
		assertThat(mode(home.resolve("keys"))).isEqualTo("rwx------");
		assertThat(mode(database)).isEqualTo("rw-------");
		assertThat(output).contains("can be read by other users", "chmod 700 " + home);

		Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
		assertThat(HomeFolder.openToOthers(home)).isFalse();
	}

	private static String mode(Path path) throws java.io.IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}
}
