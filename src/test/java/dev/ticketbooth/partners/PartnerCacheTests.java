package dev.ticketbooth.partners;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Partners are remembered per node for a few seconds; changes made on this node apply at once. */
@TicketboothServerTest
class PartnerCacheTests {

	@Autowired
	Partners partners;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aChangeOnThisNodeAppliesAtOnceAndOneMadeElsewhereWithinTheTtl() {
		String id = "cache-" + UUID.randomUUID().toString().substring(0, 8);
		partners.create(new PartnerRequest(id, "kinescope", null, null, null, null, null, null, null, true));
		assertThat(partners.find(id).orElseThrow().rules().allow().isEmpty()).isTrue();

		partners.setRules(id, Map.of("ips", List.of("192.0.2.0/24")));
		assertThat(partners.find(id).orElseThrow().rules().allow().isEmpty()).as("this node's change").isFalse();

		jdbc.sql("UPDATE partners SET issuer = 'changed-elsewhere' WHERE id = ?").param(id).update(); // another node
		assertThat(partners.find(id).orElseThrow().issuer()).as("within the TTL").isNotEqualTo("changed-elsewhere");
		clock.advance(Duration.ofSeconds(6));
		assertThat(partners.find(id).orElseThrow().issuer()).isEqualTo("changed-elsewhere");

		partners.delete(id);
		assertThat(partners.find(id)).isEmpty();
		assertThat(partners.find("never-" + id)).isEmpty();
	}
}
