package dev.ticketbooth.sessions;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's Redis auto-configuration (connection factory, templates, health contributor,
 * repositories) takes part only with {@code ticketbooth.sessions.store=redis}: the default
 * server never connects to Redis nor reports it in its health. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class RedisOnlyWhenChosen implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
		boolean redis = "redis".equals(environment.getProperty("ticketbooth.sessions.store"));
		boolean[] matches = new boolean[candidates.length];
		for (int i = 0; i < candidates.length; i++) {
			matches[i] = redis || candidates[i] == null || !candidates[i].startsWith(REDIS_AUTO_CONFIGURATION);
		}
		return matches;
	}
}
