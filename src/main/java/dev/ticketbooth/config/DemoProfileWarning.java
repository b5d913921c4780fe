package dev.ticketbooth.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says loudly that the demo profile's published passwords and secrets make this server unsafe. */
@Component
@Profile("demo")
@Order(0)
class DemoProfileWarning implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoProfileWarning.class);

	@Override
	public void run(ApplicationArguments args) {
		log.warn("""

				*******************************************************************************
				*  DEMO PROFILE ACTIVE: demo users, clients and secrets with published values. *
				*  Anyone can sign in and mint tokens. NEVER use the demo profile in production. *
				*******************************************************************************""");
	}
}
