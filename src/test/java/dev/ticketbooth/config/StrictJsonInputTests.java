package dev.ticketbooth.config;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.OAuthClients;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API refuses what it would otherwise have to guess at, naming the field: fractions for whole
 * numbers, numbers for text, text for numbers, keys given twice, times beyond year 9999, limits
 * below one.
 */
@TicketboothServerTest
class StrictJsonInputTests {

	final Http http;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	PasswordEncoder encoder;

	final String s = Viewers.suffix();

	StrictJsonInputTests(@LocalServerPort int port) {
		this.http = new Http(port);
	}

	HttpResponse<String> post(String path, String body) {
		return http.send(http.admin(path).header("Content-Type", "application/json").POST(Http.json(body)));
	}

	static void assertField(HttpResponse<String> response, String code, String field, String detailPart)
			throws ParseException {
		assertProblem(response, 400, code);
		Map<String, Object> problem = JSONObjectUtils.parse(response.body());
		assertThat(problem).containsEntry("field", field);
		assertThat((String) problem.get("detail")).contains(detailPart);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"/api/admin/users | {\"username\":\"n-SUFFIX\",\"password\":123456789012345} | password | must be a string",
			"/api/admin/videos | {\"id\":\"v-SUFFIX\",\"title\":42} | title | must be a string",
			"/api/admin/providers | {\"id\":\"p-SUFFIX\",\"display_name\":\"P\",\"issuer_name\":\"I\",\"token_lifetime_seconds\":1.5,\"redirect_uris\":[\"https://a.example/cb\"]} | token_lifetime_seconds | must be a whole number",
			"/api/admin/partners | {\"id\":\"k-SUFFIX\",\"profile\":\"kinescope\",\"default_lifetime_seconds\":\"600\"} | default_lifetime_seconds | must be a whole number",
			"/api/admin/partners | {\"id\":\"k-SUFFIX\",\"profile\":\"kinescope\",\"library_tokens\":\"yes\"} | library_tokens | true or false",
			"/api/admin/partners | {\"id\":\"k-SUFFIX\",\"profile\":\"brightcove\",\"settings\":{\"maxip\":1.5}} | settings.maxip | must be a string" })
	void aValueOfTheWrongTypeIsRefusedByName(String path, String body, String field, String detail) throws Exception {
		HttpResponse<String> response = post(path.trim(), body.trim().replace("SUFFIX", s));
		assertField(response, "invalid-field", field.trim(), detail.trim());
		String id = body.replaceAll(".*\"(?:id|username)\":\"([^\"]+)\".*", "$1").replace("SUFFIX", s);
		if (path.trim().equals("/api/admin/providers")) { // providers are only listed
			assertThat(http.send(http.admin(path.trim())).body()).as("nothing was created").doesNotContain(id);
		}
		else {
			assertThat(http.send(http.admin(path.trim() + "/" + id)).statusCode()).as("nothing was created").isEqualTo(404);
		}
	}

	@Test
	void aKeyGivenTwiceIsRefusedNotLastOneWins() throws Exception {
		assertField(post("/api/admin/videos", "{\"id\":\"dup-" + s + "\",\"title\":\"A\",\"title\":\"B\"}"), "duplicate-field",
				"title", "more than once");
		assertThat(http.send(http.admin("/api/admin/videos/dup-" + s)).statusCode()).isEqualTo(404);
	}

	@Test
	void aTimeBeyondTheYear9999IsRefused() throws Exception {
		assertThat(post("/api/admin/users", "{\"username\":\"t-" + s + "\",\"password\":\"long-enough-pw\"}").statusCode())
			.isEqualTo(201);
		assertThat(post("/api/admin/videos", "{\"id\":\"t-" + s + "\",\"title\":\"T\"}").statusCode()).isEqualTo(201);
		assertField(post("/api/admin/grants", "{\"user\":\"t-" + s + "\",\"video\":\"t-" + s
				+ "\",\"kind\":\"rental\",\"valid_until\":\"+99999-01-01T00:00:00Z\"}"), "invalid-time", "valid_until", "9999");
		assertThat(http.send(http.admin("/api/admin/grants?user=t-" + s)).body()).isEqualTo("[]");
		assertField(http.send(http.admin("/api/admin/entitlements/check?user=t-" + s + "&video=t-" + s
				+ "&at=%2B99999-01-01T00:00:00Z")), "invalid-time", "at", "9999");
	}

	@Test
	void anAuditLimitBelowOneOrNotANumberIsRefused() throws Exception {
		assertField(http.send(http.admin("/api/admin/audit?limit=-1")), "invalid-parameter", "limit", "1 to");
		assertField(http.send(http.admin("/api/admin/audit?limit=0")), "invalid-parameter", "limit", "1 to");
		assertField(http.send(http.admin("/api/admin/audit?limit=ten")), "invalid-parameter", "limit", "a whole number");
		assertThat(http.send(http.admin("/api/admin/audit?limit=1")).statusCode()).isEqualTo(200);
	}

	@Test
	void aPlaybackTtlMustBeAWholeNumberOfSeconds() throws Exception {
		String bearer = "Bearer " + OAuthClients.accessToken(http, OAuthClients.register(clients, encoder, "playback:mint"),
				"playback:mint");
		for (String ttl : new String[] { "1.5", "\"60\"", "true" }) {
			HttpResponse<String> response = http.send(http.request("/api/v1/playback-tokens").header("Authorization", bearer)
				.header("Content-Type", "application/json")
				.POST(Http.json("{\"partner\":\"nobody\",\"user\":\"nobody\",\"ttl\":" + ttl + "}")));
			assertField(response, "invalid-field", "ttl", "must be a whole number");
		}
	}
}
