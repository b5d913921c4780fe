package dev.ticketbooth.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.ticketbooth.TicketboothApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** A relative home (the default is ".") means the working directory, also for a web server. */
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
		}
		finally {
			FileSystemUtils.deleteRecursively(expected);
		}
	}
}
