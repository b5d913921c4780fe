package dev.ticketbooth.decisions;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import dev.ticketbooth.entitlements.Grant;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUser;
import dev.ticketbooth.users.EndUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** IP, origin, time-window rules and entitlement changes through {@code POST /api/v1/decisions}. */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class DecisionRulesTests {

	@LocalServerPort
	int port;

	@Autowired
	Viewers viewers;

	@Autowired
	EndUsers users;

	@Autowired
	Grants grants;

	@Autowired
	Partners partners;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	Http http;

	String s;

	EndUser user;

	String video;

	String mintBearer;

	String decideBearer;

	@BeforeAll
	void setUp() throws Exception {
		http = new Http(port);
		s = Viewers.suffix();
		Viewers.Viewer viewer = viewers.purchased("rule", s);
		user = viewer.user();
		video = viewer.video();
		viewers.kinescope("kin-" + s);
		var client = OAuthClients.register(clients, passwordEncoder, "playback:mint", "playback:decide");
		mintBearer = "Bearer " + OAuthClients.accessToken(http, client, "playback:mint");
		decideBearer = "Bearer " + OAuthClients.accessToken(http, client, "playback:decide");
	}

	String mint(String partner, Map<String, Object> allow) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("partner", partner, "user", user.username(), "video", video));
		if (allow != null) {
			body.put("allow", allow);
		}
		HttpResponse<String> response = http.send(http.request("/api/v1/playback-tokens").header("Authorization", mintBearer)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return (String) JSONObjectUtils.parse(response.body()).get("token");
	}

	Map<String, Object> decide(String token, String ip, String origin) throws Exception {
		Map<String, Object> body = new HashMap<>(Map.of("token", token, "video", video));
		if (ip != null) {
			body.put("ip", ip);
		}
		if (origin != null) {
			body.put("origin", origin);
		}
		HttpResponse<String> response = http.send(http.request("/api/v1/decisions").header("Authorization", decideBearer)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(body))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSONObjectUtils.parse(response.body());
	}

	void assertDecision(String token, String ip, String origin, boolean allow, String reason) throws Exception {
		assertThat(decide(token, ip, origin)).as(ip + " " + origin).containsEntry("allow", allow).containsEntry("reason", reason);
	}

	@Test
	void ipv4Ipv6AndCidrRules() throws Exception {
		String token = mint("kin-" + s, Map.of("ips", List.of("203.0.113.7", "198.51.100.0/24", "2001:db8:abcd::/48",
				"2001:db8::1")));
		assertDecision(token, "203.0.113.7", null, true, Reason.ALLOWED);
		assertDecision(token, "198.51.100.255", null, true, Reason.ALLOWED);
		assertDecision(token, "2001:db8:abcd:12::99", null, true, Reason.ALLOWED);
		assertDecision(token, "2001:DB8:0:0:0:0:0:1", null, true, Reason.ALLOWED);
		assertDecision(token, "203.0.113.8", null, false, Reason.IP_NOT_ALLOWED);
		assertDecision(token, "198.51.101.1", null, false, Reason.IP_NOT_ALLOWED);
		assertDecision(token, "2001:db8:abce::1", null, false, Reason.IP_NOT_ALLOWED);
		assertDecision(token, "::ffff:203.0.113.8", null, false, Reason.IP_NOT_ALLOWED);
		assertDecision(token, null, null, false, Reason.IP_NOT_ALLOWED);
		assertDecision(token, "localhost", null, false, Reason.IP_NOT_ALLOWED);
	}

	@Test
	void originRulesApplyWhenTheCallerNamesAnOrigin() throws Exception {
		String token = mint("kin-" + s, Map.of("origins", List.of("https://www.example.com")));
		assertDecision(token, null, "https://WWW.example.com", true, Reason.ALLOWED);
		assertDecision(token, null, "https://evil.example.com", false, Reason.ORIGIN_NOT_ALLOWED);
		assertDecision(token, null, "not an origin", false, Reason.ORIGIN_NOT_ALLOWED);
		assertDecision(token, null, null, true, Reason.ALLOWED);
	}

	@Test
	void aDenyIsLoggedWithItsReasonButNeverTheToken(org.springframework.boot.test.system.CapturedOutput output)
			throws Exception {
		String token = mint("kin-" + s, Map.of("ips", List.of("203.0.113.7")));
		assertThat(decide(token, "198.51.100.1", null)).containsEntry("allow", false)
			.containsEntry("reason", Reason.IP_NOT_ALLOWED).containsEntry("partner", "kin-" + s);
		// the API caller is no partner, but the token's signature names one
		assertThat(output.getAll()).contains("reason=ip-not-allowed", "video=" + video, "partner=kin-" + s)
			.doesNotContain(token, token.substring(token.lastIndexOf('.') + 1));
	}

	@Test
	void aCountryRuleFailsClosedWithoutADatabase() throws Exception {
		String token = mint("kin-" + s, Map.of("countries", List.of("us")));
		assertDecision(token, "8.8.8.8", null, false, Reason.GEO_UNAVAILABLE);
	}

	@Test
	void partnerTimeWindowsAndIpRules() throws Exception {
		LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).withSecond(0).withNano(0);
		partners.create(new PartnerRequest("kin-open-" + s, "kinescope", null, null, null, null, null, null, null,
				true, null, null, false, Map.of("windows", List.of(Map.of("from", now.minusHours(1).toString(), "until",
						now.plusHours(1).toString(), "zone", "UTC")), "ips", List.of("192.0.2.0/24")), null));
		partners.create(new PartnerRequest("kin-closed-" + s, "kinescope", null, null, null, null, null, null, null,
				true, null, null, false, Map.of("windows", List.of(Map.of("from", now.plusHours(2).toString(), "until",
						now.plusHours(3).toString(), "zone", "UTC"))), null));
		assertDecision(mint("kin-open-" + s, null), "192.0.2.10", null, true, Reason.ALLOWED);
		assertDecision(mint("kin-open-" + s, null), "192.0.3.10", null, false, Reason.IP_NOT_ALLOWED);
		assertDecision(mint("kin-closed-" + s, null), "192.0.2.10", null, false, Reason.OUTSIDE_TIME_WINDOW);

		HttpResponse<String> reopened = http.send(http.admin("/api/admin/partners/kin-closed-" + s + "/rules")
			.header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{\"windows\":[]}")));
		assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
		assertDecision(mint("kin-closed-" + s, null), "192.0.2.10", null, true, Reason.ALLOWED);
		assertProblem(http.send(http.admin("/api/admin/partners/kin-closed-" + s + "/rules")
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"windows\":[{\"from\":\"25:00\",\"until\":\"26:00\"}]}"))), 400, "invalid-rules");
	}

	@Test
	void aRevokedGrantDeniesAtOnceAndDecisionsAreCounted() throws Exception {
		EndUser other = users.create("revoked-" + s, "long-enough-pw", true, true);
		Grant temporary = grants.save(new GrantRequest(other.username(), null, video, "rental", null, null, null, null, null));
		HttpResponse<String> minted = http.send(http.request("/api/v1/playback-tokens").header("Authorization", mintBearer)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSONObjectUtils.toJSONString(
					Map.of("partner", "kin-" + s, "user", other.username(), "video", video)))));
		String token = (String) JSONObjectUtils.parse(minted.body()).get("token");
		double allowedBefore = count("allow", Reason.ALLOWED);
		assertDecision(token, null, null, true, Reason.ALLOWED);
		assertThat(count("allow", Reason.ALLOWED)).isEqualTo(allowedBefore + 1);

		grants.delete(temporary.id());
		double deniedBefore = count("deny", "not-entitled");
		assertDecision(token, null, null, false, "not-entitled");
		assertThat(count("deny", "not-entitled")).isEqualTo(deniedBefore + 1);

		String mintedBeforeDisabling = mint("kin-" + s, null);
		users.update(user.username(), null, false);
		try {
			assertDecision(mintedBeforeDisabling, null, null, false, "user-disabled");
		}
		finally {
			users.update(user.username(), null, true);
		}
	}

	@Test
	void theDecisionApiNeedsThePlaybackDecideScopeAndAReadableBody() throws Exception {
		String body = JSONObjectUtils.toJSONString(Map.of("token", "x", "video", video));
		assertProblem(http.send(http.request("/api/v1/decisions").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))), 401, "unauthenticated");
		assertProblem(http.send(http.request("/api/v1/decisions").header("Authorization", mintBearer)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString(body))), 403, "insufficient-scope");
		assertProblem(http.send(http.request("/api/v1/decisions").header("Authorization", decideBearer)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"token\":\"x\"}"))), 400,
				"missing-field");
		assertProblem(http.send(http.request("/api/v1/decisions").header("Authorization", decideBearer)
			.header("Content-Type", "application/json").POST(BodyPublishers.ofString("nope"))), 400, "malformed-request");
		assertThat(decide("not-a-token", null, null)).containsEntry("allow", false)
			.containsEntry("reason", Reason.MALFORMED_TOKEN);
	}

	private double count(String outcome, String reason) {
		var counter = meters.find("ticketbooth.decisions").tag("outcome", outcome).tag("reason", reason).tag("channel", "api")
			.counter();
		return counter == null ? 0 : counter.count();
	}
}
