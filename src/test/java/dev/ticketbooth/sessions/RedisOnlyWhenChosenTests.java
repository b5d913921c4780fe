package dev.ticketbooth.sessions;

import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The default server (database store) has no Redis connection, template or health contributor. */
@TicketboothServerTest
class RedisOnlyWhenChosenTests {

	@Autowired
	ApplicationContext context;

	@Test
	void theDefaultServerNeitherConnectsToRedisNorReportsIt() {
		assertThat(context.getBeansOfType(RedisConnectionFactory.class)).isEmpty();
		assertThat(context.getBeansOfType(StringRedisTemplate.class)).isEmpty();
		assertThat(context.getBeanNamesForType(org.springframework.boot.health.contributor.HealthContributor.class))
			.noneMatch(name -> name.toLowerCase().contains("redis"));
		assertThat(context.getBean(SessionStore.class)).isInstanceOf(JdbcSessionStore.class);
	}
}
