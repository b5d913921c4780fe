package dev.ticketbooth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context its own fresh {@code ticketbooth.home}; with
 * {@code TICKETBOOTH_TEST_DATABASE=postgres}, also its own fresh PostgreSQL database instead of
 * the embedded H2 default, so the same suite proves both.
 */
public class TemporaryHome implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		try {
			Path home = Files.createTempDirectory("ticketbooth-test-");
			Map<String, Object> properties = new HashMap<>(Map.of("ticketbooth.home", home.toString()));
			if ("postgres".equalsIgnoreCase(System.getenv("TICKETBOOTH_TEST_DATABASE"))) {
				TestDatabase database = TestDatabase.postgresUnmigrated();
				properties.put("spring.datasource.url", database.url());
				properties.put("spring.datasource.username", database.user());
				properties.put("spring.datasource.password", "");
				context.addApplicationListener(event -> {
					if (event instanceof org.springframework.context.event.ContextClosedEvent) {
						database.close();
					}
				});
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("temporaryHome", properties));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
