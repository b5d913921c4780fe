package dev.ticketbooth.admin;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.TicketboothApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTests {

	private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

	@TempDir
	Path home;

	@Test
	void aGeneratedPasswordIsLoggedOnceAndStoredOnlyAsAnArgon2idHash(CapturedOutput output) {
		String password;
		try (ConfigurableApplicationContext context = start()) {
			Matcher matcher = GENERATED.matcher(output.getAll());
			assertThat(matcher.find()).as(output.getAll()).isTrue();
			password = matcher.group(1);
			String hash = context.getBean(JdbcClient.class).sql("SELECT password_hash FROM admin_users WHERE username = 'admin'")
				.query(String.class).single();
			assertThat(hash).startsWith("$argon2id$").doesNotContain(password);
			assertThat(context.getBean(PasswordEncoder.class).matches(password, hash)).isTrue();
		}
		int logged = output.getAll().split("generated password", -1).length - 1;
		try (ConfigurableApplicationContext again = start()) {
			assertThat(output.getAll().split("generated password", -1).length - 1).as("not again").isEqualTo(logged);
		}
	}

	@Test
	void thePasswordFromTheEnvironmentIsUsedAndNotLogged(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--ticketbooth.admin-password=chosen-by-operator")) {
			String hash = context.getBean(JdbcClient.class).sql("SELECT password_hash FROM admin_users WHERE username = 'admin'")
				.query(String.class).single();
			assertThat(context.getBean(PasswordEncoder.class).matches("chosen-by-operator", hash)).isTrue();
		}
		assertThat(output.getAll()).contains("TICKETBOOTH_ADMIN_PASSWORD").doesNotContain("chosen-by-operator");
	}

	@Test
	void aFirstAdminPasswordUnderTwelveCharactersStopsTheStartWithWhatToDo(CapturedOutput output) {
		assertThatThrownBy(() -> start("--ticketbooth.admin-password=eleven-char"))
			.hasMessageContaining("at least 12");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "is 11 characters long",
				"at least 12", "TICKETBOOTH_ADMIN_PASSWORD").doesNotContain("eleven-char");
	}

	private ConfigurableApplicationContext start(String... extra) {
		java.util.List<String> args = new java.util.ArrayList<>(
				java.util.List.of("--ticketbooth.home=" + home, "--ticketbooth.scheduling.enabled=false"));
		args.addAll(java.util.List.of(extra));
		return new SpringApplicationBuilder(TicketboothApplication.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}
}
