package dev.ticketbooth.entitlements;

import java.time.Duration;
import java.util.List;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TestDatabase;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision cache, as another node sees it: changes made elsewhere publish no event here, so
 * only the TTL — and, for disabled users, the fresh user record — bound what it serves.
 */
class EntitlementCacheTests {

	@Test
	@SuppressWarnings("deprecation")
	void aUserDisabledOnAnotherNodeIsDeniedAtOnceAndAGrantRevokedThereWithinTheTtl() {
		MutableClock clock = MutableClock.startingNow();
		try (TestDatabase db = TestDatabase.h2()) {
			JdbcClient jdbc = JdbcClient.create(db.dataSource());
			EndUsers users = new EndUsers(jdbc, NoOpPasswordEncoder.getInstance(), clock, event -> {
			});
			Catalog catalog = new Catalog(jdbc, clock, event -> {
			});
			Grants grants = new Grants(jdbc, users, catalog, clock, event -> {
			}, new org.springframework.transaction.support.TransactionTemplate(
					new org.springframework.jdbc.datasource.DataSourceTransactionManager(db.dataSource())));
			EntitlementCache cache = new EntitlementCache(new Entitlements(users, catalog, jdbc, event -> {
			}), Duration.ofSeconds(5), clock);
			catalog.createVideo("v1", "Video");
			users.create("alice", "password", true, false);
			Grant grant = grants.save(new GrantRequest("alice", null, "v1", "purchase", null, null, null, null, null));
			EndUser alice = users.findByUsername("alice").orElseThrow();
			assertThat(cache.mayWatch(alice, "v1", clock.instant()).allowed()).isTrue();

			jdbc.sql("UPDATE end_users SET enabled = false WHERE id = ?").param(alice.id()).update(); // another node's change
			EndUser disabled = users.findById(alice.id()).orElseThrow();
			assertThat(cache.mayWatch(disabled, "v1", clock.instant()).reason()).isEqualTo(Access.USER_DISABLED);

			jdbc.sql("UPDATE end_users SET enabled = true WHERE id = ?").param(alice.id()).update();
			jdbc.sql("DELETE FROM grants WHERE id = ?").param(grant.id()).update();
			assertThat(cache.mayWatch(alice, "v1", clock.instant()).allowed()).as("still cached").isTrue();
			clock.advance(Duration.ofSeconds(6));
			assertThat(cache.mayWatch(alice, "v1", clock.instant()).reason()).as("after the TTL").isEqualTo(Access.NOT_ENTITLED);
		}
	}
}
