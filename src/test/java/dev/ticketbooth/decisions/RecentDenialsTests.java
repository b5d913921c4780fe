package dev.ticketbooth.decisions;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.config.DbTime;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's record of denials: per partner, newest first, bounded by age and by count. */
@TicketboothServerTest
class RecentDenialsTests {

	@Autowired
	RecentDenials denials;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	final String partner = "rd-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void listsAPartnersDenialsNewestFirstAndCutsLongValues() {
		denials.record(partner, "v1", null, Reason.BAD_SIGNATURE, "api");
		denials.record(partner, "v".repeat(5000), "user-1", Reason.IP_NOT_ALLOWED, "kinescope");
		denials.record(null, "v3", null, Reason.UNKNOWN_KID, "api");
		assertThat(denials.recent(partner, 10)).extracting(RecentDenials.Denial::reason)
			.containsExactly(Reason.IP_NOT_ALLOWED, Reason.BAD_SIGNATURE);
		assertThat(denials.recent(partner, 10).get(0).video()).hasSize(200);
		assertThat(denials.recent(null, 1)).extracting(RecentDenials.Denial::reason).containsExactly(Reason.UNKNOWN_KID);
	}

	@Test
	void removesDenialsPastTheRetentionAndBeyondTheCap() {
		jdbc.sql("INSERT INTO recent_denials (at, partner_id, video_id, user_id, reason, channel) VALUES (?, ?, ?, ?, ?, ?)")
			.params(DbTime.bind(DbTime.now(clock).minus(Duration.ofDays(8))), partner, "old", null, Reason.TOKEN_EXPIRED, "api")
			.update();
		for (int i = 0; i < 5; i++) {
			denials.record(partner, "new-" + i, null, Reason.BAD_SIGNATURE, "api");
		}
		denials.prune(RecentDenials.RETENTION, RecentDenials.CAP);
		assertThat(denials.recent(partner, 10)).extracting(RecentDenials.Denial::video)
			.containsExactly("new-4", "new-3", "new-2", "new-1", "new-0");
		denials.prune(RecentDenials.RETENTION, 3);
		assertThat(denials.recent(null, 10)).hasSize(3);
		assertThat(denials.recent(partner, 10)).extracting(RecentDenials.Denial::video)
			.containsExactly("new-4", "new-3", "new-2");
	}
}
