package dev.ticketbooth.admin;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's OpenAPI description and Swagger UI, for signed-in operators only. */
@TicketboothServerTest
class OpenApiTests {

	@LocalServerPort
	int port;

	@Test
	void operatorsCanBrowseTheAdminApiDescription() throws Exception {
		WebSession anonymous = new WebSession(port);
		assertThat(anonymous.get("/admin/api-docs").headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));

		WebSession operator = new WebSession(port);
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(operator.get("/admin/login").body());
		assertThat(csrf.find()).isTrue();
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ WebSession.encode(csrf.group(1)));

		HttpResponse<String> docs = operator.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/admin/api-docs")).header("Accept", "application/json"));
		assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
		Map<String, Object> openapi = JSONObjectUtils.parse(docs.body());
		assertThat(openapi.get("openapi").toString()).startsWith("3.");
		assertThat(((Map<String, Object>) openapi.get("paths")).keySet()).contains("/api/admin/keys/rotate",
				"/api/admin/keys/{kid}/revoke", "/api/admin/users", "/api/admin/grants/import", "/api/admin/partners",
				"/api/admin/clients", "/api/admin/audit").noneMatch(path -> path.startsWith("/api/v1"));
		HttpResponse<String> ui = operator.get("/admin/swagger-ui/index.html");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger");
	}
}
