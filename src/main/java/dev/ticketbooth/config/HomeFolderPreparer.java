package dev.ticketbooth.config;

import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Creates the home's private folders once the environment is final (initializers included) and
 * before any bean, the database above all, is made: so H2 never creates {@code data/} with the
 * umask's modes, and no folder is made for a home that is later overridden.
 */
class HomeFolderPreparer implements ApplicationListener<ApplicationPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		String home = event.getApplicationContext().getEnvironment().getProperty(HomeEnvironmentPostProcessor.HOME, ".");
		HomeFolder.prepare(Path.of(home.isBlank() ? "." : home).toAbsolutePath().normalize());
	}
}
