package dev.ticketbooth.login;

import java.time.Duration;
import java.util.List;

import dev.ticketbooth.config.InitialData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: the Applicaster provider {@code applicaster-demo} with a published secret. */
@Component
@Profile("demo")
@Order(20)
class DemoProviders implements InitialData {

	private static final Logger log = LoggerFactory.getLogger(DemoProviders.class);

	static final String ID = "applicaster-demo";

	static final String SECRET = "demo-applicaster-secret-0123456789abcdef";

	private final Providers providers;

	DemoProviders(Providers providers) {
		this.providers = providers;
	}

	@Override
	public void create() {
		if (providers.find(ID).isEmpty()) {
			providers.create(ID, "Applicaster demo app", "ticketbooth-demo", Duration.ofHours(1),
					List.of("myapp://auth/callback", "http://127.0.0.1:9999/callback"), SECRET);
			log.warn("demo profile: created Applicaster provider {} (issuer ticketbooth-demo, secret {})", ID, SECRET);
		}
	}
}
