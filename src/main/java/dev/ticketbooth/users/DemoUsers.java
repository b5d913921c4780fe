package dev.ticketbooth.users;

import dev.ticketbooth.config.InitialData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: the end user {@code demo} / {@code demo}. */
@Component
@Profile("demo")
@Order(10)
class DemoUsers implements InitialData {

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	private final EndUsers users;

	DemoUsers(EndUsers users) {
		this.users = users;
	}

	@Override
	public void create() {
		if (users.findByUsername("demo").isEmpty()) {
			users.create("demo", "demo", true, false);
			log.warn("demo profile: created end user demo / demo");
		}
	}
}
