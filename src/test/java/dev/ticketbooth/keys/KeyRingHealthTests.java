package dev.ticketbooth.keys;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /actuator/health} reports the key ring, and {@code /actuator/prometheus} its ages and the tokens minted. */
@TicketboothServerTest
class KeyRingHealthTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyRing ring;

	@Autowired
	KeyRotation rotation;

	@Autowired
	KeyMetrics metrics;

	@Autowired
	JdbcClient jdbc;

	@Test
	void healthGoesDownWhenASetHasNoActiveKeyAndUpAgainWhenTheScheduleMendsIt() throws Exception {
		Http http = new Http(port);
		rotation.maintain(); // what the schedule (off in tests) keeps doing while other tests move the clock
		assertThat(health(http)).containsEntry("status", "UP");

		String active = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
		try {
			// the damage a bad manual edit or restore could do; the ring must say so
			jdbc.sql("UPDATE signing_keys SET state = 'RETIRED', retired_at = CURRENT_TIMESTAMP WHERE kid = ?").param(active)
				.update();
			jdbc.sql("UPDATE key_ring_state SET generation = generation + 1 WHERE id = 1").update();
			HttpResponse<String> down = http.send(http.admin("/actuator/health"));
			assertThat(down.statusCode()).isEqualTo(503);
			Map<String, Object> keyRing = component(JSONObjectUtils.parse(down.body()), "keyRing");
			assertThat(keyRing).containsEntry("status", "DOWN");
			assertThat(keyRing.get("details").toString()).contains("default/RS256: no ACTIVE key");
			assertThat(http.get("/actuator/health").body()).as("anonymous callers see no details").doesNotContain("ACTIVE");
		}
		finally {
			rotation.maintain(); // promotes the NEXT key, as the schedule would
		}
		assertThat(health(http)).containsEntry("status", "UP");
	}

	@Test
	void keyAgesAreExposedToPrometheus() {
		metrics.update();
		Http http = new Http(port);
		String scrape = http.send(http.admin("/actuator/prometheus")).body();
		assertThat(scrape).contains("ticketbooth_keys_age_seconds{algorithm=\"RS256\",kid=\""
				+ ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid() + "\",set=\"default\",state=\"ACTIVE\"}");
	}

	private static Map<String, Object> health(Http http) throws Exception {
		return JSONObjectUtils.parse(http.send(http.admin("/actuator/health")).body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> component(Map<String, Object> health, String name) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get(name);
	}
}
