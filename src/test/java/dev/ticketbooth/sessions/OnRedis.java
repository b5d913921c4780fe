package dev.ticketbooth.sessions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ticketbooth.RedisAvailable;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.TestPropertySource;

/**
 * The same tests with {@code ticketbooth.sessions.store=redis} on the machine's Redis: the classes
 * with this annotation share one more running server. Skipped (or, in CI, failed) without Redis.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedisAvailable.class)
@TestPropertySource(properties = { "ticketbooth.sessions.store=redis",
		"spring.data.redis.host=" + RedisAvailable.HOST, "spring.data.redis.port=" + RedisAvailable.PORT })
@interface OnRedis {
}
