package dev.ticketbooth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Gives each test application context its own fresh {@code ticketbooth.home}. */
public class TemporaryHome implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		try {
			Path home = Files.createTempDirectory("ticketbooth-test-");
			context.getEnvironment().getPropertySources()
				.addFirst(new MapPropertySource("temporaryHome", Map.of("ticketbooth.home", home.toString())));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
