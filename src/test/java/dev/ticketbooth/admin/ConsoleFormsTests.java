package dev.ticketbooth.admin;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.WebSession;
import dev.ticketbooth.partners.Partners;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating providers and partners in the console: the secret once, masked ever after. */
@TicketboothServerTest
class ConsoleFormsTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	Partners partners;

	@Autowired
	AuditTrail audit;

	WebSession signIn() {
		WebSession operator = new WebSession(port);
		operator.postForm("/admin/login", "username=admin&password=" + TicketboothServerTest.ADMIN_PASSWORD + "&_csrf="
				+ csrf(operator.get("/admin/login").body()));
		return operator;
	}

	static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).isTrue();
		return WebSession.encode(matcher.group(1));
	}

	@Test
	void aProviderSecretIsShownOnceAndMaskedAfterwards() {
		WebSession operator = signIn();
		String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
		String token = csrf(operator.get("/admin/providers").body());
		HttpResponse<String> created = operator.postForm("/admin/providers", "id=" + id + "&displayName=Console+App&issuerName=ACME"
				+ "&redirectUris=" + WebSession.encode("myapp://auth/callback") + "&_csrf=" + token);
		assertThat(created.statusCode()).isEqualTo(200);
		Matcher secret = Pattern.compile("<code id=\"secret\">([^<]+)</code>").matcher(created.body());
		assertThat(secret.find()).isTrue();
		String list = operator.get("/admin/providers").body();
		assertThat(list).contains(id, "shown once at creation").doesNotContain(secret.group(1));
	}

	@Test
	void aPartnersCallbackPasswordIsShownOnceAndWorks() {
		WebSession operator = signIn();
		String id = "console-kin-" + UUID.randomUUID().toString().substring(0, 8);
		String token = csrf(operator.get("/admin/partners").body());
		HttpResponse<String> created = operator.postForm("/admin/partners", "id=" + id + "&profile=kinescope&keySet=default"
				+ "&callbackUsername=" + id + "&_csrf=" + token);
		Matcher secret = Pattern.compile("<code id=\"secret\">([^<]+)</code>").matcher(created.body());
		assertThat(secret.find()).as(created.body()).isTrue();
		assertThat(partners.authenticateCallback(id, secret.group(1))).isPresent();
		assertThat(operator.get("/admin/partners").body()).contains(id + " / ••••••").doesNotContain(secret.group(1));
	}

	@Test
	void anImportNeedsItsConfirmation() {
		WebSession operator = signIn();
		String token = csrf(operator.get("/admin/keys").body());
		HttpResponse<String> refused = operator.postForm("/admin/keys/import", "pem=x&set=default&_csrf=" + token);
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(operator.get("/admin/keys").body()).contains("Nothing imported: confirm the import first.");
		assertThat(audit.recent(20)).filteredOn(e -> e.action().equals("POST /admin/keys/import")).first()
			.satisfies(e -> assertThat(e.outcome()).isEqualTo("400"));
	}

	@Test
	void aRefusedConsoleActionIsAuditedWithTheRefusalsStatus() {
		WebSession operator = signIn();
		String token = csrf(operator.get("/admin/keys").body());
		HttpResponse<String> refused = operator.postForm("/admin/keys/no-such-kid-" + UUID.randomUUID() + "/revoke",
				"_csrf=" + token);
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(audit.recent(20)).filteredOn(e -> e.action().endsWith("/revoke")).first()
			.satisfies(e -> assertThat(e.outcome()).isEqualTo("404"));
	}
}
