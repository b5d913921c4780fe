package dev.ticketbooth.entitlements;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Catalog, grants and the entitlement check through the operator API over HTTP. */
@TicketboothServerTest
class EntitlementAdminApiTests {

	@LocalServerPort
	int port;

	@Autowired
	EndUsers users;

	@Test
	void anOperatorBuildsACatalogGrantsAccessAndChecksIt() throws Exception {
		Http http = new Http(port);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String username = "learner-" + suffix;
		users.create(username, "long-enough-pw", true, true);

		assertThat(post(http, "/api/admin/videos", "{\"id\":\"v1-" + suffix + "\",\"title\":\"Lesson 1\"}").statusCode())
			.isEqualTo(201);
		assertThat(post(http, "/api/admin/videos", "{\"id\":\"v2-" + suffix + "\"}").statusCode()).isEqualTo(201);
		HttpResponse<String> course = post(http, "/api/admin/collections", "{\"id\":\"c-" + suffix
				+ "\",\"kind\":\"course\",\"title\":\"Course\",\"videos\":[\"v1-" + suffix + "\"]}");
		assertThat(course.statusCode()).as(course.body()).isEqualTo(201);
		assertThat(course.body()).contains("\"kind\":\"course\"", "v1-" + suffix);

		String check = "/api/admin/entitlements/check?user=" + username + "&video=v1-" + suffix;
		assertThat(JSONObjectUtils.parse(http.send(http.admin(check)).body())).containsEntry("allowed", false)
			.containsEntry("reason", "not-entitled");

		HttpResponse<String> imported = http.send(http.admin("/api/admin/grants/import").header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofString("user,collection,kind,valid_until\n" + username + ",c-" + suffix
					+ ",subscription,2099-01-01T00:00:00Z\n")));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		assertThat(imported.body()).contains("\"imported\":1");
		assertThat(http.send(http.admin("/api/admin/grants?user=" + username)).body()).contains("\"kind\":\"subscription\"")
			.doesNotContain("SUBSCRIPTION");
		assertThat(JSONObjectUtils.parse(http.send(http.admin(check)).body())).containsEntry("allowed", true)
			.containsEntry("reason", "entitled");
		assertThat(JSONObjectUtils.parse(http.send(http.admin(check + "&at=2099-01-01T00:00:00Z")).body()))
			.containsEntry("reason", "grant-expired");
		assertThat(JSONObjectUtils.parse(http.send(http.admin("/api/admin/entitlements/check?user=" + username + "&video=v2-"
				+ suffix)).body())).containsEntry("reason", "not-entitled");
	}

	@Test
	void badCatalogAndGrantInputIsAClear4xx() {
		Http http = new Http(port);
		assertProblem(post(http, "/api/admin/videos", "{\"id\":\"has space\"}"), 400, "invalid-video-id");
		assertProblem(post(http, "/api/admin/collections", "{\"id\":\"x\",\"kind\":\"playlist\"}"), 400,
				"invalid-collection-kind");
		assertProblem(post(http, "/api/admin/collections", "{\"id\":\"x2\",\"kind\":\"season\",\"parent\":\"nope\"}"), 404,
				"unknown-collection");
		assertProblem(post(http, "/api/admin/grants", "{\"user\":\"nobody\",\"video\":\"v\",\"kind\":\"rental\"}"), 400,
				"unknown-user");
		assertProblem(http.send(http.admin("/api/admin/grants/import").header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofString("user,kind,colour\nalice,rental,red\n"))), 400, "invalid-csv");
		assertProblem(http.send(http.admin("/api/admin/entitlements/check?user=a&video=b&at=yesterday")), 400,
				"invalid-time");
	}

	@Test
	void importErrorsPointAtTheFilesLineOrTheArraysIndex() throws Exception {
		Http http = new Http(port);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> csv = http.send(http.admin("/api/admin/grants/import").header("Content-Type", "text/csv")
			.POST(BodyPublishers.ofString("user,video,kind\n\nnobody-" + suffix + ",v,rental\n")));
		assertProblem(csv, 400, "invalid-grants");
		assertThat(JSONObjectUtils.parse(csv.body()).get("errors").toString()).contains("line=3").doesNotContain("index");
		HttpResponse<String> json = post(http, "/api/admin/grants/import", "[{\"user\":\"nobody-" + suffix
				+ "\",\"video\":\"v\",\"kind\":\"rental\"}]");
		assertProblem(json, 400, "invalid-grants");
		assertThat(JSONObjectUtils.parse(json.body()).get("errors").toString()).contains("index=0").doesNotContain("line");
	}

	private static HttpResponse<String> post(Http http, String path, String json) {
		return http.send(http.admin(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
	}

	@Test
	void theSameExternalRefSavedEightTimesAtOnceIsOneGrantAndNeverAnError() throws Exception {
		Http http = new Http(port);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String username = "raced-" + suffix;
		users.create(username, "long-enough-pw", true, true);
		assertThat(post(http, "/api/admin/videos", "{\"id\":\"rv-" + suffix + "\"}").statusCode()).isEqualTo(201);
		String grant = "{\"user\":\"" + username + "\",\"video\":\"rv-" + suffix
				+ "\",\"kind\":\"purchase\",\"external_ref\":\"order-" + suffix + "\"}";
		// through HTTP the operator's password check spaces the requests out; the race is in the service
		GrantRequest request = new GrantRequest(username, null, "rv-" + suffix, "purchase", null, null, null, null,
				"order-" + suffix);
		for (int round = 0; round < 5; round++) {
			assertThat(dev.ticketbooth.AtOnce.run(8, i -> () -> grants.save(request))).hasSize(8);
		}
		var response = http.send(http.admin("/api/admin/grants").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(grant)));
		assertThat(response.statusCode()).isEqualTo(201);
		String userId = users.get(username).id();
		assertThat(grants.forUser(userId)).hasSize(1);
	}

	@Autowired
	Grants grants;
}
