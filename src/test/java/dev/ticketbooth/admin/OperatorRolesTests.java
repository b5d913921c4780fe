package dev.ticketbooth.admin;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.UUID;

import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Least privilege on the admin API: a VIEWER reads, only an ADMIN changes. */
@TicketboothServerTest
class OperatorRolesTests {

	@LocalServerPort
	int port;

	@Test
	void aViewerMayReadButNotChange() {
		Http http = new Http(port);
		String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(http.send(http.admin("/api/admin/operators").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"username\":\"" + viewer + "\",\"password\":\"read-only-password\",\"role\":\"VIEWER\"}")))
			.statusCode()).isEqualTo(201);
		String auth = Http.basic(viewer, "read-only-password");

		assertThat(http.send(http.request("/api/admin/keys").header("Authorization", auth)).statusCode()).isEqualTo(200);
		assertThat(http.send(http.request("/api/admin/audit").header("Authorization", auth)).statusCode()).isEqualTo(200);
		assertProblem(http.send(http.request("/api/admin/keys/rotate?force=true").header("Authorization", auth)
			.POST(BodyPublishers.noBody())), 403, "forbidden");
		assertProblem(http.send(http.request("/api/admin/operators").header("Authorization", auth)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"username\":\"escalate\",\"password\":\"escalate-password\",\"role\":\"ADMIN\"}"))),
				403, "forbidden");
		assertProblem(http.send(http.admin("/api/admin/operators").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"username\":\"weak-" + viewer + "\",\"password\":\"short\"}"))), 400, "invalid-password");
		assertProblem(http.send(http.admin("/api/admin/operators").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"username\":\"root-" + viewer + "\",\"password\":\"long-enough-pass\",\"role\":\"ROOT\"}"))),
				400, "invalid-role");
	}
}
