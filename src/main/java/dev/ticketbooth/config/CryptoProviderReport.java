package dev.ticketbooth.config;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says once at start which provider signs (ACCP when it loaded, else the JDK). */
@Component
class CryptoProviderReport implements ApplicationListener<ApplicationStartedEvent> {

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		CryptoProviders.report();
	}
}
