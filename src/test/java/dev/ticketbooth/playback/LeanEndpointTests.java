package dev.ticketbooth.playback;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minting and decisions are answered ahead of Spring MVC and the security chains (the lean
 * path); what they answer must not change. Their answers carry the headers the chains add, their
 * refusals the same problem JSON, and requests of another shape still reach the controllers
 * (405, 406, 415 as before). The hostile-input tests of each endpoint run against the lean path.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeanEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	Viewers viewers;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder passwordEncoder;

	Http http;

	String minter;

	String decider;

	String mintBody;

	Viewers.Viewer viewer;

	@BeforeAll
	void setUp() throws Exception {
		http = new Http(port);
		String s = Viewers.suffix();
		viewer = viewers.purchased("lean", s);
		viewers.kinescope("kin-lean-" + s);
		minter = "Bearer " + OAuthClients.accessToken(http, OAuthClients.register(clients, passwordEncoder, "playback:mint"),
				"playback:mint");
		decider = "Bearer " + OAuthClients.accessToken(http,
				OAuthClients.register(clients, passwordEncoder, "playback:decide"), "playback:decide");
		mintBody = JSONObjectUtils.toJSONString(
				Map.of("partner", "kin-lean-" + s, "user", viewer.user().username(), "video", viewer.video()));
	}

	private HttpResponse<String> mint(String authorization, String contentType, String accept, String body) {
		var request = http.request("/api/v1/playback-tokens").POST(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return http.send(request);
	}

	private HttpResponse<String> decide(String authorization, String accept, String body) {
		var request = http.request("/api/v1/decisions").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return http.send(request);
	}

	@Autowired
	java.util.List<org.springframework.boot.web.servlet.FilterRegistrationBean<?>> filters;

	private long servedLean() {
		return filters.stream().map(org.springframework.boot.web.servlet.FilterRegistrationBean::getFilter)
			.filter(dev.ticketbooth.config.LeanEndpoint.class::isInstance)
			.mapToLong(filter -> ((dev.ticketbooth.config.LeanEndpoint) filter).served()).sum();
	}

	@Test
	void mintingAndDecisionsTakeTheLeanPathAndOtherShapesDoNot() throws Exception {
		long before = servedLean();
		String token = (String) JSONObjectUtils.parse(mint(minter, "application/json", null, mintBody).body()).get("token");
		decide(decider, null, JSONObjectUtils.toJSONString(Map.of("token", token, "video", viewer.video())));
		assertThat(servedLean() - before).isEqualTo(2);
		long between = servedLean();
		mint(minter, "text/plain", null, mintBody);
		mint(minter, "application/json", "text/html", mintBody);
		assertThat(servedLean()).as("another media type and Accept are left to MVC").isEqualTo(between);
	}

	@Test
	void answersCarryTheHeadersOfTheSecurityChains() throws Exception {
		HttpResponse<String> minted = mint(minter, "application/json;charset=UTF-8", "application/json", mintBody);
		assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
		assertThat(minted.headers().firstValue("Content-Type")).hasValue("application/json");
		String token = (String) JSONObjectUtils.parse(minted.body()).get("token");
		HttpResponse<String> decided = decide(decider, null,
				JSONObjectUtils.toJSONString(Map.of("token", token, "video", viewer.video())));
		assertThat(decided.statusCode()).isEqualTo(200);
		assertThat(decided.body()).contains("\"allow\":true");
		for (HttpResponse<String> response : new HttpResponse[] { minted, decided,
				mint(null, "application/json", null, mintBody) }) {
			assertThat(response.headers().firstValue("Cache-Control"))
				.hasValue("no-cache, no-store, max-age=0, must-revalidate");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
			assertThat(response.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
		}
	}

	@Test
	void refusalsAreTheChainsOwn() {
		HttpResponse<String> none = mint(null, "application/json", null, mintBody);
		assertProblem(none, 401, "unauthenticated");
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		HttpResponse<String> forged = mint("Bearer not.a.token", "application/json", null, mintBody);
		assertProblem(forged, 401, "invalid-token");
		assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertProblem(mint("Bearer !!", "application/json", null, mintBody), 401, "invalid-token");
		assertProblem(mint(decider, "application/json", null, mintBody), 403, "insufficient-scope");
		assertProblem(decide(minter, null, "{}"), 403, "insufficient-scope");
		assertProblem(decide("Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()), null, "{}"), 401,
				"unauthenticated");
	}

	@Test
	void theBodyIsReadOnlyAfterTheCallerIsKnown() {
		// an unreadable body from a stranger is a 401, not a 400: nothing of it was read
		assertProblem(mint(null, "application/json", null, "{garbage"), 401, "unauthenticated");
		assertProblem(decide(null, null, "{garbage"), 401, "unauthenticated");
		assertProblem(mint(minter, "application/json", null, "{garbage"), 400, "malformed-request");
		assertProblem(decide(decider, null, "{garbage"), 400, "malformed-request");
	}

	@Test
	void otherShapesStillReachTheControllers() throws Exception {
		// another media type: Spring MVC's 415, after the chain's authentication
		assertProblem(mint(minter, "text/plain", null, mintBody), 415, "unsupported-media-type");
		assertProblem(mint(null, "text/plain", null, mintBody), 401, "unauthenticated");
		// an answer the caller does not take: 406
		assertThat(mint(minter, "application/json", "text/html", mintBody).statusCode()).isEqualTo(406);
		String token = (String) JSONObjectUtils.parse(mint(minter, "application/json", null, mintBody).body()).get("token");
		assertThat(decide(decider, "application/xml",
				JSONObjectUtils.toJSONString(Map.of("token", token, "video", viewer.video()))).statusCode()).isEqualTo(406);
		// another method: 405
		assertProblem(http.send(http.request("/api/v1/decisions").header("Authorization", decider).GET()), 405,
				"method-not-allowed");
		assertProblem(http.send(http.request("/api/v1/playback-tokens").header("Authorization", minter).GET()), 405,
				"method-not-allowed");
	}

	@Test
	void anyJsonAcceptIsTaken() {
		for (String accept : new String[] { "*/*", "application/*", "application/json, text/plain;q=0.5",
				"text/html;q=0.9, application/json" }) {
			HttpResponse<String> minted = mint(minter, "application/json", accept, mintBody);
			assertThat(minted.statusCode()).as(accept + " → " + minted.body()).isEqualTo(201);
		}
	}
}
