package dev.ticketbooth.admin;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeySet;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin actions and key events land in the audit trail, exported as JSON. */
@TicketboothServerTest
class AuditTrailTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyRing ring;

	@Autowired
	EndUsers users;

	@Autowired
	Catalog catalog;

	@Test
	void aRotationARevokeAndAGrantChangeAreRecorded() throws Exception {
		Http http = new Http(port);
		String before = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
		assertThat(http.send(http.admin("/api/admin/keys/rotate?force=true").POST(BodyPublishers.noBody())).statusCode())
			.isEqualTo(200);
		String next = ring.keys().stream().filter(k -> k.keySet().equals(KeySet.DEFAULT) && k.state().name().equals("NEXT"))
			.findFirst().orElseThrow().kid();
		assertThat(http.send(http.admin("/api/admin/keys/" + next + "/revoke").POST(BodyPublishers.noBody())).statusCode())
			.isEqualTo(200);
		String s = UUID.randomUUID().toString().substring(0, 8);
		users.create("audited-" + s, "long-enough-pw", true, true);
		catalog.createVideo("audited-" + s, "Audited");
		assertThat(http.send(http.admin("/api/admin/grants").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"user\":\"audited-" + s + "\",\"video\":\"audited-" + s + "\",\"kind\":\"purchase\"}")))
			.statusCode()).isEqualTo(201);
		assertThat(http.send(http.admin("/api/admin/grants").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"user\":\"nobody\",\"video\":\"x\",\"kind\":\"purchase\"}"))).statusCode())
			.isEqualTo(400);

		List<Object> events = JSONArrayUtils.parse(http.send(http.admin("/api/admin/audit?limit=50")).body());
		List<String> lines = events.stream().map(e -> {
			Map<String, Object> event = (Map<String, Object>) e;
			return event.get("actor") + " " + event.get("action") + " " + event.get("target") + " " + event.get("outcome");
		}).toList();
		assertThat(lines).contains("admin POST /keys/rotate /api/admin/keys/rotate 200",
				"admin key.promoted default/" + ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid() + " done",
				"admin key.retired default/" + before + " done",
				"admin POST /keys/" + next + "/revoke /api/admin/keys/" + next + "/revoke 200",
				"admin key.revoked default/" + next + " done",
				"admin POST /grants /api/admin/grants 201",
				"admin POST /grants /api/admin/grants 400");
		assertThat((Map<String, Object>) events.get(0)).containsKeys("id", "at", "ip");
		assertThat(JSONObjectUtils.toJSONString((Map<String, Object>) events.get(0))).doesNotContain("password");
	}
}
