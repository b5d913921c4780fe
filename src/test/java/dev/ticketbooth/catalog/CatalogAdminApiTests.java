package dev.ticketbooth.catalog;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.Http;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.Viewers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Catalog writes through {@code /api/admin} are all or nothing: a refused request changes nothing. */
@TicketboothServerTest
class CatalogAdminApiTests {

	final Http http;

	final String s = Viewers.suffix();

	CatalogAdminApiTests(@LocalServerPort int port) {
		this.http = new Http(port);
	}

	@Test
	void aRoleListWithOneBadRoleLeavesTheOldRoles() throws Exception {
		String id = "corp-" + s;
		HttpResponse<String> created = post("/api/admin/collections", "{\"id\":\"" + id
				+ "\",\"kind\":\"package\",\"roles\":[\"staff\",\"managers\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		assertProblem(http.send(http.admin("/api/admin/collections/" + id + "/roles").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"roles\":[\"interns\",\"not a role\",\"guests\"]}"))), 400, "invalid-role");
		assertThat(roles(id)).containsExactly("managers", "staff");
	}

	@Test
	void aCollectionWithABadRoleOrAnUnknownVideoIsNotCreated() throws Exception {
		String id = "course-" + s;
		assertProblem(post("/api/admin/collections", "{\"id\":\"" + id + "\",\"kind\":\"course\",\"roles\":[\"staff\",\"not a role\"]}"),
				400, "invalid-role");
		assertProblem(http.send(http.admin("/api/admin/collections/" + id)), 404, "unknown-collection");
		assertProblem(post("/api/admin/collections", "{\"id\":\"" + id + "\",\"kind\":\"course\",\"videos\":[\"no-video-" + s + "\"]}"),
				404, "unknown-video");
		assertProblem(http.send(http.admin("/api/admin/collections/" + id)), 404, "unknown-collection");

		HttpResponse<String> created = post("/api/admin/collections", "{\"id\":\"" + id + "\",\"kind\":\"course\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void aVideoPlacedInAnUnknownCollectionIsNotCreated() {
		String collection = "shelf-" + s;
		assertThat(post("/api/admin/collections", "{\"id\":\"" + collection + "\",\"kind\":\"package\"}").statusCode())
			.isEqualTo(201);
		String id = "clip-" + s;
		assertProblem(post("/api/admin/videos", "{\"id\":\"" + id + "\",\"collections\":[\"" + collection + "\",\"no-shelf-" + s
				+ "\"]}"), 404, "unknown-collection");
		assertProblem(http.send(http.admin("/api/admin/videos/" + id)), 404, "unknown-video");
		assertThat(http.send(http.admin("/api/admin/collections/" + collection)).body()).doesNotContain(id);

		HttpResponse<String> created = post("/api/admin/videos", "{\"id\":\"" + id + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void aCollectionHoldingOtherCollectionsIsNotDeleted() throws Exception {
		String series = "series-" + s;
		String season = "season-" + s;
		assertThat(post("/api/admin/collections", "{\"id\":\"" + series + "\",\"kind\":\"series\",\"roles\":[\"staff\"]}")
			.statusCode()).isEqualTo(201);
		assertThat(post("/api/admin/collections", "{\"id\":\"" + season + "\",\"kind\":\"season\",\"parent\":\"" + series
				+ "\"}").statusCode()).isEqualTo(201);

		HttpResponse<String> refused = http.send(http.admin("/api/admin/collections/" + series).DELETE());
		assertProblem(refused, 409, "collection-in-use");
		assertThat(JSONObjectUtils.getStringList(JSONObjectUtils.parse(refused.body()), "collections")).containsExactly(season);
		assertThat(roles(series)).containsExactly("staff");
		assertThat(JSONObjectUtils.getString(JSONObjectUtils.parse(http.send(http.admin("/api/admin/collections/" + season))
			.body()), "parent")).isEqualTo(series);

		assertThat(http.send(http.admin("/api/admin/collections/" + season).DELETE()).statusCode()).isEqualTo(204);
		assertThat(http.send(http.admin("/api/admin/collections/" + series).DELETE()).statusCode()).isEqualTo(204);
	}

	@Test
	void arnVideoIdsWorkInTheAdminPathsAsTheyAreAndOrdinaryIdsStillDo() {
		String arn = "arn:aws:ivs:eu-west-1:123456789012:channel/ch" + s;
		String course = "live-" + s;
		assertThat(post("/api/admin/collections", "{\"id\":\"" + course + "\",\"kind\":\"course\"}").statusCode())
			.isEqualTo(201);
		HttpResponse<String> created = post("/api/admin/videos", "{\"id\":\"" + arn + "\",\"collections\":[\"" + course + "\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> byArn = http.send(http.admin("/api/admin/videos/" + arn));
		assertThat(byArn.statusCode()).as(byArn.body()).isEqualTo(200);
		assertThat(byArn.body()).contains("\"id\":\"" + arn + "\"", course);
		assertThat(http.send(http.admin("/api/admin/videos/" + arn.replace("/", "%2F"))).statusCode())
			.as("an encoded slash is refused before the controller").isEqualTo(400);
		assertThat(http.send(http.admin("/api/admin/collections/" + course + "/videos/" + arn).DELETE()).statusCode())
			.isEqualTo(204);
		assertThat(http.send(http.admin("/api/admin/videos/" + arn).DELETE()).statusCode()).isEqualTo(204);
		assertProblem(http.send(http.admin("/api/admin/videos/" + arn)), 404, "unknown-video");

		String plain = "plain-" + s;
		assertThat(post("/api/admin/videos", "{\"id\":\"" + plain + "\"}").statusCode()).isEqualTo(201);
		assertThat(http.send(http.admin("/api/admin/videos/" + plain)).statusCode()).isEqualTo(200);
		assertProblem(http.send(http.admin("/api/admin/videos/" + plain + "/more")), 404, "unknown-video");
		assertThat(http.send(http.admin("/api/admin/videos/" + plain).DELETE()).statusCode()).isEqualTo(204);
		assertProblem(http.send(http.admin("/api/admin/videos/" + plain)), 404, "unknown-video");

		for (String bad : List.of("a/b", "a:b", "arn:aws:ivs:eu-west-1:123456789012:channel/../x",
				"arn:aws:ivs:eu-west-1:123456789012:channel//x", "arn:aws:ivs:eu-west-1:123456789012:channel/",
				"arn:aws:ivs:eu-west-1:123456789012:channel/" + "x".repeat(160))) {
			assertProblem(post("/api/admin/videos", "{\"id\":\"" + bad + "\"}"), 400, "invalid-video-id");
		}
	}

	private List<String> roles(String collection) throws Exception {
		return JSONObjectUtils.getStringList(JSONObjectUtils.parse(http.send(http.admin("/api/admin/collections/" + collection))
			.body()), "roles");
	}

	private HttpResponse<String> post(String path, String json) {
		return http.send(http.admin(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
	}
}
