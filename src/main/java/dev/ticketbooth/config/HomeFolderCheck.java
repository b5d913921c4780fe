package dev.ticketbooth.config;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Once the database is open (its files now exist), keeps {@code data/} and {@code keys/} private
 * and warns when the home folder itself can be read by other users.
 */
@Component
class HomeFolderCheck implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(HomeFolderCheck.class);

	private final Path home;

	HomeFolderCheck(TicketboothProperties properties) {
		this.home = properties.home();
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			HomeFolder.tighten(home);
			if (HomeFolder.openToOthers(home)) {
				log.warn("The home folder {} can be read by other users of this machine; data/ and keys/ are private, "
						+ "but give the server a home of its own with mode 0700 (chmod 700 {})", home, home);
			}
		}
		catch (IOException ex) {
			log.warn("Could not check the permissions of the home folder {}: {}", home, ex.getMessage());
		}
	}
}
