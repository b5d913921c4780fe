package dev.ticketbooth.playback;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/admin/partners}: StreamAMG claim names that would overwrite the claims the token sets itself. */
@TicketboothServerTest
class PartnerAdminApiTests {

	@LocalServerPort
	int port;

	Http http;

	String s;

	@BeforeEach
	void setUp() {
		http = new Http(port);
		s = UUID.randomUUID().toString().substring(0, 8);
	}

	@ParameterizedTest
	@CsvSource({ "entry, iss", "entry, aud", "customer, exp", "entry, nbf", "session, iat", "entry, azp", "entry, access",
			"entry, sub", "session, sub", "entry, jti", "customer, jti" })
	void aClaimNameCannotTakeOverAClaimTheTokenSetsItself(String role, String claim) {
		String id = "streamamg-" + s;
		assertProblem(create(id, Map.of("profile", "streamamg", "claim_names", Map.of(role, claim))), 400,
				"invalid-claim-names");
		assertProblem(http.send(http.admin("/api/admin/partners/" + id)), 404, "unknown-partner");
	}

	@Test
	void twoRolesCannotShareAClaimName() {
		assertProblem(create("same-" + s, Map.of("profile", "streamamg", "claim_names", Map.of("customer", "who", "session",
				"who"))), 400, "invalid-claim-names");
		assertProblem(create("default-" + s, Map.of("profile", "streamamg", "claim_names", Map.of("customer", "entry_id"))),
				400, "invalid-claim-names");
	}

	@Test
	void streamAmgsOwnExampleMapsCustomerToSubAndSessionToJti() throws Exception {
		HttpResponse<String> created = create("example-" + s, Map.of("profile", "streamamg", "claim_names",
				Map.of("customer", "sub", "session", "jti", "entry", "asset_id")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(created.body()), "partner"),
				"claim_names")).containsEntry("customer", "sub").containsEntry("session", "jti");
	}

	private HttpResponse<String> create(String id, Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>(fields);
		body.put("id", id);
		return http.send(http.admin("/api/admin/partners").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
	}
}
