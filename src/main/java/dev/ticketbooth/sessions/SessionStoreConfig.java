package dev.ticketbooth.sessions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database store, or Redis with {@code ticketbooth.sessions.store=redis}. */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

	/** Boot's Redis auto-configuration is on only in this case ({@link RedisOnlyWhenChosen}). */
	@Bean
	@ConditionalOnProperty(name = "ticketbooth.sessions.store", havingValue = "redis")
	SessionStore redisSessionStore(org.springframework.data.redis.core.StringRedisTemplate redis,
			SessionProperties properties) {
		return new RedisSessionStore(redis, properties);
	}

	@Bean
	@ConditionalOnProperty(name = "ticketbooth.sessions.store", havingValue = "database", matchIfMissing = true)
	SessionStore jdbcSessionStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
		return new JdbcSessionStore(jdbc, new TransactionTemplate(transactions));
	}
}
