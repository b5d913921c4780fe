package dev.ticketbooth.admin;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input from a console form or URL: a plain message on a page, never problem JSON or a 5xx. */
@TicketboothServerTest
class ConsolePagesTests {

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail audit;

	@Autowired
	EndUsers users;

	final String s = UUID.randomUUID().toString().substring(0, 8);

	WebSession signIn() {
		WebSession operator = new WebSession(port);
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ ConsoleFormsTests.csrf(operator.get("/admin/login").body()));
		return operator;
	}

	@Test
	void anUnknownUserGrantPartnerOrClientIsAPlainNotFoundPage() {
		WebSession operator = signIn();
		for (String path : new String[] { "/admin/users/nobody-" + s, "/admin/grants/nothing-" + s,
				"/admin/partners/nothing-" + s, "/admin/clients/nothing-" + s, "/admin/collections/nothing-" + s,
				"/admin/videos/delete?id=nothing-" + s }) {
			HttpResponse<String> page = operator.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(404);
			assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
			assertThat(page.body()).as(path).contains("role=\"alert\"").contains(s);
		}
	}

	@Test
	void aMalformedFieldIsAPlainBadRequestPageOrAMessageOnTheNextPage() {
		WebSession operator = signIn();
		HttpResponse<String> page = operator.get("/admin/users?page=first");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("The field &#39;page&#39; is missing or not valid.");

		String user = "forms-" + s;
		users.create(user, "password-" + s, true, true);
		String csrf = ConsoleFormsTests.csrf(operator.get("/admin/users/" + user).body());
		HttpResponse<String> refused = operator.postForm("/admin/users/" + user + "/grants",
				"kind=rental&collection=c&streamCount=many&_csrf=" + csrf);
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(operator.get("/admin/users/" + user).body()).contains("Streams must be a whole number");
		assertThat(audit.recent(20)).filteredOn(e -> e.action().equals("POST /admin/users/" + user + "/grants")).first()
			.satisfies(e -> assertThat(e.outcome()).isEqualTo("400"));

		HttpResponse<String> imported = operator.postForm("/admin/grants/import", "csv=" + WebSession.encode("user,kind\n\"x")
				+ "&_csrf=" + csrf);
		assertThat(imported.statusCode()).isEqualTo(200);
		assertThat(imported.body()).contains("A quoted field is not closed");
		assertThat(audit.recent(20)).filteredOn(e -> e.action().equals("POST /admin/grants/import")).first()
			.satisfies(e -> assertThat(e.outcome()).isEqualTo("400"));
	}
}
