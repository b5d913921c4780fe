package dev.ticketbooth.sessions;

import java.util.Map;

import dev.ticketbooth.RedisAvailable;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SessionClusterTests} with both nodes on one Redis store (and one PostgreSQL database). */
@ExtendWith(RedisAvailable.class)
class SessionClusterOnRedisTests extends SessionClusterTests {

	@Override
	Map<String, Object> extra() {
		return Map.of("ticketbooth.sessions.store", "redis", "spring.data.redis.host", RedisAvailable.HOST,
				"spring.data.redis.port", String.valueOf(RedisAvailable.PORT));
	}
}
