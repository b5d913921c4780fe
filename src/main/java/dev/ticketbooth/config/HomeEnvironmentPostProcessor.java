package dev.ticketbooth.config;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Pins {@code ticketbooth.home} to an absolute path against the working directory, before
 * anything reads it. Left relative, Spring would resolve it against the servlet container's
 * temporary folder (losing {@code keys/master.key} on restart), and H2 refuses relative paths.
 */
class HomeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String HOME = "ticketbooth.home";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(HOME, ".");
		Path absolute = Path.of(configured.isBlank() ? "." : configured).toAbsolutePath().normalize();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("ticketbooth.home.absolute", Map.of(HOME, absolute.toString())));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE; // after config files, env and command line are known
	}
}
