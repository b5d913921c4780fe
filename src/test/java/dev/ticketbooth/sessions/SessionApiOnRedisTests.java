package dev.ticketbooth.sessions;

import dev.ticketbooth.oidc.TokenHashes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SessionApiTests} with the Redis store; what is stored is read from Redis. */
@OnRedis
class SessionApiOnRedisTests extends SessionApiTests {

	@Autowired
	StringRedisTemplate redis;

	@Test
	@Override
	void onlyTheHashOfASessionIdIsStored() throws Exception {
		String session = scene.started(scene.mint(partner, user), null);
		assertThat(redis.hasKey("tb:s:" + TokenHashes.hash(session))).isTrue();
		assertThat(redis.keys("*" + session + "*")).isEmpty();
		assertThat(redis.opsForHash().values("tb:s:" + TokenHashes.hash(session))).doesNotContain(session);
	}
}
