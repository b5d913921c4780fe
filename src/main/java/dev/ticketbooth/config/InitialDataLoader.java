package dev.ticketbooth.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates every {@link InitialData} once all beans exist (so the database is migrated and the key
 * ring open) and before any {@code SmartLifecycle} starts, the web server among them. A failure
 * stops the start before the port opens. Readiness stays {@code /actuator/health/readiness}.
 */
@Component
class InitialDataLoader implements SmartInitializingSingleton {

	private final ObjectProvider<InitialData> data;

	InitialDataLoader(ObjectProvider<InitialData> data) {
		this.data = data;
	}

	@Override
	public void afterSingletonsInstantiated() {
		data.orderedStream().forEach(InitialData::create);
	}
}
