package dev.ticketbooth.partners;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner callbacks ({@code /kinescope/**}, {@code /vimond/**}) take only the HTTP Basic
 * credentials of a partner of their own platform; everything else gets one 401, with the
 * endpoint's realm and problem JSON, whatever was wrong.
 */
@TicketboothServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerCallbackTests {

	static final String PASSWORD = "callback-test-password";

	@LocalServerPort
	int port;

	Http http;

	String s;

	@BeforeAll
	void setUp() {
		http = new Http(port);
		s = Viewers.suffix();
		createPartner("cb-kin-" + s, "kinescope");
		createPartner("cb-vim-" + s, "vimond");
	}

	void createPartner(String id, String profile) {
		String body = JSONObjectUtils.toJSONString(Map.of("id", id, "profile", profile, "library_tokens", true,
				"callback_username", id, "callback_password", PASSWORD));
		HttpResponse<String> created = http.send(http.admin("/api/admin/partners").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	HttpRequest.Builder kinescope() {
		return http.request("/kinescope/authorize").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"id\":\"v\",\"token\":\"x\",\"type\":\"video\"}"));
	}

	HttpRequest.Builder vimond() {
		return http.request("/vimond/entitlements?user=nobody&asset=a").GET();
	}

	/** Every way to be wrong, as an Authorization header (null: none at all). */
	List<String> wrongCredentials(String own, String otherPlatforms) {
		String b64 = "Basic " + Base64.getEncoder().encodeToString(own.getBytes(StandardCharsets.UTF_8));
		return Arrays.asList(null, Http.basic(own, "wrong-password-000"), Http.basic("nobody-" + s, PASSWORD),
				Http.basic(otherPlatforms, PASSWORD), "Basic !!!not-base64", b64, Http.basic("", PASSWORD),
				"Bearer " + own, "Basic", Http.basic(own, ""));
	}

	/**
	 * Each wrong Authorization header gets the endpoint's one 401; the right partner's credentials
	 * get the endpoint's own answer.
	 */
	void assertOnlyItsOwnPartnerGetsIn(Supplier<HttpRequest.Builder> request, String path, String own, String other,
			String realm, String detail, int admitted, String answer) throws Exception {
		for (String authorization : wrongCredentials(own, other)) {
			HttpResponse<String> response = send(request.get(), authorization);
			assertThat(response.statusCode()).as(authorization + " → " + response.body()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(authorization)
				.hasValue("Basic realm=\"" + realm + "\"");
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
			assertThat(JSONObjectUtils.parse(response.body())).as(authorization).isEqualTo(Map.of("status", 401L, "title",
					"Unauthorized", "code", "unauthenticated", "detail", detail, "instance", path));
		}
		HttpResponse<String> response = send(request.get(), Http.basic(own, PASSWORD));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(admitted);
		assertThat(response.body()).contains(answer);
	}

	HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
		return http.send(authorization == null ? request : request.header("Authorization", authorization));
	}

	@Test
	void kinescopeTakesOnlyAKinescopePartnersCredentials() throws Exception {
		assertOnlyItsOwnPartnerGetsIn(this::kinescope, "/kinescope/authorize", "cb-kin-" + s, "cb-vim-" + s,
				"ticketbooth kinescope", "HTTP Basic credentials of a Kinescope partner are required", 403,
				"\"allow\":false");
	}

	@Test
	void vimondTakesOnlyAVimondPartnersCredentials() throws Exception {
		assertOnlyItsOwnPartnerGetsIn(this::vimond, "/vimond/entitlements", "cb-vim-" + s, "cb-kin-" + s,
				"ticketbooth vimond", "HTTP Basic credentials of a Vimond partner are required", 200, "\"entitled\":false");
	}
}
