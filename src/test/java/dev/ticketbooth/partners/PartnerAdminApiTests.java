package dev.ticketbooth.partners;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/admin/partners}: StreamAMG claim names that would overwrite our claims, and refusals that leave nothing behind. */
@TicketboothServerTest
class PartnerAdminApiTests {

	final Http http;

	final String s = Viewers.suffix();

	PartnerAdminApiTests(@LocalServerPort int port) {
		this.http = new Http(port);
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
		assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(created.body()), "claim_names")).containsEntry("customer", "sub").containsEntry("session", "jti");
	}

	@Test
	void aRefusedCallbackCredentialLeavesNoPartnerBehind() {
		String id = "kin-" + s;
		assertProblem(create(id, Map.of("profile", "kinescope", "callback_username", "has space")), 400,
				"invalid-callback-username");
		assertProblem(http.send(http.admin("/api/admin/partners/" + id)), 404, "unknown-partner");
		assertProblem(create(id, Map.of("profile", "kinescope", "callback_username", "kin-" + s, "callback_password", "short")),
				400, "invalid-callback-password");
		assertProblem(http.send(http.admin("/api/admin/partners/" + id)), 404, "unknown-partner");

		HttpResponse<String> created = create(id, Map.of("profile", "kinescope", "callback_username", "kin-" + s));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void aTakenCallbackUsernameLeavesNoPartnerBehind() {
		HttpResponse<String> first = create("kin-a-" + s, Map.of("profile", "kinescope", "callback_username", "kin-" + s));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

		String id = "kin-b-" + s;
		assertProblem(create(id, Map.of("profile", "kinescope", "callback_username", "kin-" + s)), 409,
				"callback-username-taken");
		assertProblem(http.send(http.admin("/api/admin/partners/" + id)), 404, "unknown-partner");
		HttpResponse<String> retried = create(id, Map.of("profile", "kinescope", "callback_username", "kin-b-" + s));
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
	}

	@Test
	void answersTakeTheFormRequestsTakeSoTheyCanBeSentBack() throws Exception {
		String id = "shape-" + s;
		Map<String, Object> rules = Map.of("ips", java.util.List.of("203.0.113.0/24"), "origins", java.util.List.of(),
				"countries", java.util.List.of(), "windows", java.util.List.of(Map.of("days", java.util.List.of("mon", "sat"),
						"from", "08:00", "until", "20:00", "zone", "Europe/Madrid")));
		HttpResponse<String> created = create(id, Map.of("profile", "kinescope", "callback_username", "shape-" + s,
				"default_lifetime_seconds", 600, "rules", rules));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Map<String, Object> answer = JSONObjectUtils.parse(created.body());
		assertThat(answer).containsEntry("id", id).containsEntry("profile", "kinescope")
			.containsEntry("default_lifetime_seconds", 600L).containsEntry("max_lifetime_seconds", 86400L)
			.containsKey("callback_password").doesNotContainKeys("partner", "default_lifetime", "max_lifetime");
		assertThat(answer.get("rules")).isEqualTo(rules);

		Map<String, Object> read = JSONObjectUtils.parse(http.send(http.admin("/api/admin/partners/" + id)).body());
		answer.remove("callback_password");
		assertThat(read).isEqualTo(answer);
		assertThat(read.toString()).doesNotContain("empty", "KINESCOPE", "MONDAY");
	}

	private HttpResponse<String> create(String id, Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>(fields);
		body.put("id", id);
		return http.send(http.admin("/api/admin/partners").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
	}
}
