package dev.ticketbooth.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import dev.ticketbooth.Http;
import dev.ticketbooth.MutableClock;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.catalog.Catalog;
import dev.ticketbooth.catalog.CollectionKind;
import dev.ticketbooth.entitlements.Grant;
import dev.ticketbooth.entitlements.GrantRequest;
import dev.ticketbooth.entitlements.Grants;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRotation;
import dev.ticketbooth.oidc.OidcClients;
import dev.ticketbooth.partners.Partner;
import dev.ticketbooth.partners.PartnerRequest;
import dev.ticketbooth.partners.Partners;
import dev.ticketbooth.users.EndUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.ticketbooth.admin.ConsoleBrowser.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each of the console's daily jobs in Chromium: an operator signs in, does the job with the
 * keyboard and sees the result; a VIEWER sees no action and a POST of theirs is refused; every
 * form carries its CSRF token. Each test photographs its pages (see {@link ConsoleBrowser}).
 */
@TicketboothServerTest
class ConsoleJobsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	AdminAccounts accounts;

	@Autowired
	EndUsers users;

	@Autowired
	Catalog catalog;

	@Autowired
	Grants grants;

	@Autowired
	Partners partners;

	@Autowired
	OidcClients clients;

	@Autowired
	KeyRotation rotation;

	@Autowired
	MutableClock clock;

	final String s = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void theHomePageLinksToTheConsoleWhichMapsItsJobs() {
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.go("/");
			browser.press("#console");
			browser.page.waitForURL(u -> u.endsWith("/admin/login"));
			browser.page.fill("#username", "admin");
			browser.page.fill("#password", TicketboothServerTest.ADMIN_PASSWORD);
			browser.page.press("#password", "Enter");
			browser.page.waitForURL(u -> u.endsWith("/admin"));
			expect(browser.at("#jobs")).containsText("Why can't a user watch a video?");
			browser.screenshot("home");
		}
	}

	@Test
	void anOperatorFindsCreatesDisablesEnablesResetsGivesRolesAndDeletesAUser() {
		String prefix = "pg" + s;
		for (int i = 0; i < 26; i++) {
			users.create(prefix + "-" + (100 + i), "password-" + s, true, true);
		}
		String name = "alice-" + s;
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/users");
			browser.assertCsrfOnEveryForm();
			browser.submit("#q", prefix);
			expect(browser.at("#users tr[data-user]")).hasCount(25);
			expect(browser.at("#paging")).containsText("26 user(s)");
			browser.press("#next");
			expect(browser.at("#users tr[data-user]")).hasCount(1);
			browser.screenshot("users");

			browser.go("/admin/users");
			browser.page.fill("#new-user input[name=password]", "password-" + s);
			browser.submit("#new-user input[name=username]", name);
			expect(browser.at("[role=status]")).containsText("Created user " + name);
			browser.assertCsrfOnEveryForm();

			browser.press("#disable");
			expect(browser.at("h1")).hasText("Disable user " + name);
			browser.press("#confirm");
			expect(browser.at("#status")).hasText("DISABLED");
			assertThat(users.get(name).enabled()).isFalse();
			browser.press("#enable");
			expect(browser.at("#status")).hasText("enabled");

			browser.submit("#roles input[name=roles]", "staff, beta");
			expect(browser.at("#roles input[name=roles]")).hasValue("beta, staff");

			browser.press("#password-form button");
			expect(browser.at("h1")).hasText("New password for " + name);
			String password = browser.at("#secret").textContent();
			assertThat(password).hasSizeGreaterThan(20);
			browser.press("a.button");
			expect(browser.at("h1")).hasText(name);
			assertThat(browser.page.content()).doesNotContain(password);
			browser.screenshot("user");

			browser.press("#delete");
			browser.press("#confirm");
			expect(browser.at("[role=status]")).containsText("Deleted user " + name);
			assertThat(users.findByUsername(name)).isEmpty();

			browser.go("/admin/users/nobody-" + s);
			expect(browser.at("[role=alert]")).containsText("No user named");
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		String target = prefix + "-100";
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/users/" + target, viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#disable")).hasCount(0);
			expect(browser.at("#delete")).hasCount(0);
			expect(browser.at("#password-form")).hasCount(0);
			expect(browser.at("#add-grant")).hasCount(0);
			assertThat(browser.post("/admin/users/" + target + "/disable")).isEqualTo(403);
			assertThat(browser.post("/admin/users", "username", "by-viewer-" + s)).isEqualTo(403);
			assertThat(users.get(target).enabled()).isTrue();
		}
	}

	@Test
	void anOperatorAddsEditsRevokesAndImportsGrantsAndSeesEachBadLine() {
		String user = "grants-" + s;
		users.create(user, "password-" + s, true, true);
		catalog.createCollection("gc-" + s, CollectionKind.COURSE, "Course " + s, null, null);
		catalog.createVideo("gv-" + s, "Video " + s);
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/users/" + user);
			browser.page.selectOption("#add-grant select[name=kind]", "rental");
			browser.submit("#add-grant input[name=collection]", "gc-" + s);
			expect(browser.at("[role=status]")).containsText("Saved grant");
			Grant added = grants.forUser(users.get(user).id()).get(0);
			expect(browser.at("tr[data-grant='" + added.id() + "']")).containsText("rental");

			browser.press("tr[data-grant='" + added.id() + "'] a:text('Edit')");
			browser.page.waitForURL(u -> u.endsWith("/admin/grants/" + added.id()));
			browser.assertCsrfOnEveryForm();
			browser.submit("#edit-grant input[name=validUntil]", "2099-01-31T00:00:00Z");
			expect(browser.at("tr[data-grant='" + added.id() + "']")).containsText("2099-01-31T00:00:00Z");
			browser.screenshot("user-grants");

			browser.press("tr[data-grant='" + added.id() + "'] a:text('Revoke…')");
			browser.press("#confirm");
			expect(browser.at("[role=status]")).containsText("Revoked grant " + added.id());
			assertThat(grants.forUser(users.get(user).id())).isEmpty();

			browser.go("/admin/grants/import");
			browser.assertCsrfOnEveryForm();
			browser.page.fill("#csv", "user,collection,video,kind\n" + user + ",gc-" + s + ",,subscription\n"
					+ "nobody-" + s + ",gc-" + s + ",,subscription\n" + user + ",,gv-" + s + ",forever\n");
			browser.press("#import button");
			expect(browser.at("#import-errors")).containsText("unknown-user");
			expect(browser.at("#import-errors")).containsText("invalid-grant-kind");
			expect(browser.at("#import-errors tr")).hasCount(3);
			expect(browser.at("#csv")).containsText("nobody-" + s);
			browser.screenshot("grants-import");
			assertThat(grants.forUser(users.get(user).id())).as("nothing imported").isEmpty();

			browser.page.fill("#csv", "user,collection,video,kind\n" + user + ",gc-" + s + ",,subscription\n"
					+ user + ",,gv-" + s + ",purchase\n");
			browser.press("#import button");
			expect(browser.at("[role=status]")).containsText("Imported 2 grant(s)");
			assertThat(grants.forUser(users.get(user).id())).hasSize(2);
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/grants/import", viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#import")).hasCount(0);
			String id = grants.forUser(users.get(user).id()).get(0).id();
			browser.go("/admin/users/" + user);
			expect(browser.at("a:text('Revoke…')")).hasCount(0);
			assertThat(browser.post("/admin/grants/" + id + "/revoke")).isEqualTo(403);
			assertThat(browser.post("/admin/grants/import", "csv", "user,kind\n" + user + ",trial")).isEqualTo(403);
			assertThat(grants.forUser(users.get(user).id())).hasSize(2);
		}
	}

	@Test
	void anOperatorKeepsTheCatalogAndSeesWhatEachCollectionHolds() {
		String course = "cat-" + s;
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/catalog");
			browser.assertCsrfOnEveryForm();
			browser.page.selectOption("#new-collection select[name=kind]", "season");
			browser.submit("#new-collection input[name=id]", course);
			expect(browser.at("h1")).containsText(course);
			browser.go("/admin/catalog");
			browser.page.fill("#new-video input[name=title]", "First " + s);
			browser.page.fill("#new-video input[name=collections]", course);
			browser.submit("#new-video input[name=id]", "cv1-" + s);
			expect(browser.at("[role=status]")).containsText("Created video cv1-" + s);
			browser.submit("#new-video input[name=id]", "cv2-" + s);
			browser.press("tr[data-collection='" + course + "'] a");
			expect(browser.at("#holds tr[data-video]")).hasCount(1);
			browser.submit("#add-video-ids", "cv2-" + s);
			expect(browser.at("#holds tr[data-video]")).hasCount(2);
			assertThat(catalog.videoIds(course)).containsExactly("cv1-" + s, "cv2-" + s);
			browser.assertCsrfOnEveryForm();
			browser.screenshot("collection");
			browser.press("#holds tr[data-video='cv1-" + s + "'] button");
			expect(browser.at("#holds tr[data-video]")).hasCount(1);

			browser.go("/admin/catalog");
			browser.screenshot("catalog");
			browser.press("tr[data-video='cv1-" + s + "'] a:text('Delete…')");
			browser.press("#confirm");
			expect(browser.at("[role=status]")).containsText("Deleted video cv1-" + s);
			assertThat(catalog.findVideo("cv1-" + s)).isEmpty();
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/collections/" + course, viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#holds tr[data-video]")).hasCount(1);
			expect(browser.at("#add-videos")).hasCount(0);
			expect(browser.at("#delete")).hasCount(0);
			assertThat(browser.post("/admin/videos", "id", "viewer-" + s)).isEqualTo(403);
			assertThat(browser.post("/admin/collections/" + course + "/delete")).isEqualTo(403);
			assertThat(catalog.findCollection(course)).isPresent();
		}
	}

	@Test
	void whyCantAUserWatchAVideoNamesTheCollectionsTheGrantOrRoleAndEveryCheck() {
		String user = "why-" + s;
		users.create(user, "password-" + s, true, true);
		catalog.createVideo("wv-open-" + s, "Open");
		catalog.createVideo("wv-closed-" + s, "Closed");
		catalog.createCollection("wc-open-" + s, CollectionKind.COURSE, null, null, null, List.of("wv-open-" + s), List.of());
		catalog.createCollection("wc-closed-" + s, CollectionKind.PACKAGE, null, null, null, List.of("wv-closed-" + s),
				List.of("vip"));
		Grant grant = grants.save(new GrantRequest(user, "wc-open-" + s, null, "subscription", null, null, null, null, null));
		LocalTime later = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusHours(2);
		String partner = "why-kin-" + s;
		partners.create(new PartnerRequest(partner, "kinescope", "default", null, null, null, null, null, null, null, null,
				null, false, Map.of("windows", List.of(Map.of("from", later.toString(), "until", later.plusHours(1).toString()))),
				null));
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/why");
			browser.assertCsrfOnEveryForm();
			browser.page.fill("#why-user", user);
			browser.submit("#why-video", "wv-closed-" + s);
			expect(browser.at("#verdict")).containsText("may not watch wv-closed-" + s + ": not-entitled");
			expect(browser.at("#holding")).containsText("wc-closed-" + s);
			expect(browser.at("#would-allow")).containsText("role vip (carried by wc-closed-" + s + ")");
			expect(browser.at("#checks tr[data-reason=not-entitled]")).hasAttribute("data-outcome", "FAIL");
			expect(browser.at("#checks tr[data-reason=unknown-user]")).hasAttribute("data-outcome", "PASS");
			expect(browser.at("#checks tr[data-reason=unknown-video]")).hasAttribute("data-outcome", "PASS");
			expect(browser.at("#checks tr[data-reason=bad-signature]")).hasAttribute("data-outcome", "NOT_RUN");

			browser.page.selectOption("#why-partner", partner);
			browser.submit("#why-video", "wv-open-" + s);
			expect(browser.at("#verdict")).containsText("may not watch wv-open-" + s + ": outside-time-window");
			expect(browser.at("#allowed-by")).containsText("grant " + grant.id());
			expect(browser.at("#checks tr[data-reason=not-entitled]")).hasAttribute("data-outcome", "PASS");
			expect(browser.at("#checks tr[data-reason=outside-time-window]")).hasAttribute("data-outcome", "FAIL");
			expect(browser.at("#checks tr[data-reason=ip-not-allowed]")).hasAttribute("data-outcome", "PASS");
			// the revocation and the admission checks (single use, session limits) are listed too
			expect(browser.at("#checks tr[data-reason=token-revoked]")).hasAttribute("data-outcome", "NOT_RUN");
			expect(browser.at("#checks tr[data-reason=token-already-used]")).hasAttribute("data-outcome", "PASS");
			expect(browser.at("#checks tr[data-reason=stream-limit]")).hasAttribute("data-outcome", "NOT_RUN");
			expect(browser.at("#checks tr[data-reason=device-limit]")).hasAttribute("data-outcome", "PASS");
			browser.screenshot("why");
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/why?user=" + user + "&video=wv-open-" + s, viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#verdict")).containsText("may watch wv-open-" + s + ": entitled");
			expect(browser.at("form[method=post] button:not(nav button)")).hasCount(0);
			assertThat(browser.post("/admin/users/" + user + "/roles", "roles", "vip")).isEqualTo(403);
		}
	}

	@Test
	void anOperatorEditsEveryPartnerSettingSetsCallbackCredentialsAndDeletesIt() {
		String id = "con-kin-" + s;
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/partners");
			browser.assertCsrfOnEveryForm();
			browser.page.selectOption("#new-partner select[name=profile]", "kinescope");
			browser.page.fill("#new-partner input[name=callbackUsername]", id);
			browser.submit("#new-partner input[name=id]", id);
			String first = browser.at("#secret").textContent();
			assertThat(partners.authenticateCallback(id, first)).isPresent();
			browser.press("a.button");
			browser.page.waitForURL(u -> u.endsWith("/admin/partners/" + id));
			browser.assertCsrfOnEveryForm();

			browser.page.fill("input[name=maxLifetimeSeconds]", "7200");
			browser.page.fill("input[name=issuer]", "https://issuer.example/" + s);
			browser.page.fill("input[name=audience]", "aud-" + s);
			browser.page.fill("input[name=countries]", "es, pt");
			browser.page.fill("input[name=ips]", "10.0.0.0/8");
			browser.page.fill("#windows", "mon,tue,wed 09:00-17:00 Europe/Madrid\n* 22:00-02:00");
			browser.submit("#defaultLifetimeSeconds", "900");
			expect(browser.at("[role=status]")).containsText("Saved partner " + id);
			Partner saved = partners.get(id);
			assertThat(saved.defaultLifetime().toSeconds()).isEqualTo(900);
			assertThat(saved.maxLifetime().toSeconds()).isEqualTo(7200);
			assertThat(saved.issuer()).isEqualTo("https://issuer.example/" + s);
			assertThat(saved.audience()).isEqualTo("aud-" + s);
			assertThat(saved.rules().allow().countries()).containsExactly("es", "pt");
			assertThat(saved.rules().windows()).hasSize(2);
			assertThat(saved.callbackUsername()).isEqualTo(id);
			expect(browser.at("#windows")).hasValue("mon,tue,wed 09:00-17:00 Europe/Madrid\n* 22:00-02:00 UTC");
			browser.screenshot("partner");

			browser.page.fill("#windows", "someday 25:00");
			browser.submit("#defaultLifetimeSeconds", "900");
			expect(browser.at("[role=alert]")).containsText("Time windows, line 1");
			assertThat(partners.get(id).rules().windows()).hasSize(2);

			browser.submit("#callback input[name=username]", id + "-2");
			String second = browser.at("#secret").textContent();
			assertThat(partners.authenticateCallback(id + "-2", second)).isPresent();
			assertThat(partners.authenticateCallback(id, first)).isEmpty();

			browser.go("/admin/partners");
			browser.screenshot("partners");
			browser.go("/admin/partners/" + id);
			browser.press("#delete");
			browser.press("#confirm");
			expect(browser.at("[role=status]")).containsText("Deleted partner " + id);
			assertThat(partners.find(id)).isEmpty();
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		partners.create(new PartnerRequest(id, "kinescope", "default", null, null, null, null, null, null, null));
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/partners/" + id, viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#edit-partner button")).hasCount(0);
			expect(browser.at("#callback")).hasCount(0);
			expect(browser.at("#delete")).hasCount(0);
			assertThat(browser.post("/admin/partners/" + id, "defaultLifetimeSeconds", "60")).isEqualTo(403);
			assertThat(browser.post("/admin/partners/" + id + "/delete")).isEqualTo(403);
			assertThat(partners.find(id)).isPresent();
		}
	}

	@Test
	void anOperatorCreatesEditsRotatesTheSecretOfAndDeletesAClient() throws Exception {
		String id = "con-client-" + s;
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/clients");
			browser.assertCsrfOnEveryForm();
			browser.page.fill("#new-client input[name=scopes]", "playback:mint");
			browser.submit("#new-client input[name=clientId]", id);
			String first = browser.at("#secret").textContent();
			assertThat(token(id, first)).isEqualTo(200);
			browser.press("a.button");
			browser.page.waitForURL(u -> u.endsWith("/admin/clients/" + id));
			assertThat(browser.page.content()).doesNotContain(first);

			browser.submit("#scopes", "playback:mint playback:decide");
			expect(browser.at("[role=status]")).containsText("Saved client " + id);
			assertThat(clients.get(id).getScopes()).containsExactlyInAnyOrder("playback:mint", "playback:decide");
			browser.screenshot("client");

			browser.press("#rotate-secret");
			browser.press("#confirm");
			String second = browser.at("#secret").textContent();
			assertThat(second).isNotEqualTo(first);
			assertThat(token(id, second)).isEqualTo(200);
			assertThat(token(id, first)).isEqualTo(401);

			browser.go("/admin/clients");
			browser.screenshot("clients");
			browser.go("/admin/clients/" + id);
			browser.press("#delete");
			browser.press("#confirm");
			expect(browser.at("[role=status]")).containsText("Deleted client " + id);
			assertThat(clients.clientIds()).doesNotContain(id);
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		clients.create(new OidcClients.ClientRequest(id, null, false, null, null, List.of("playback:mint"), null, null, null,
				null, null, null, null, null, null));
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/clients/" + id, viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#rotate-secret")).hasCount(0);
			expect(browser.at("#delete")).hasCount(0);
			assertThat(browser.post("/admin/clients/" + id + "/rotate-secret")).isEqualTo(403);
			assertThat(browser.post("/admin/clients", "clientId", "viewer-" + s)).isEqualTo(403);
		}
	}

	private int token(String clientId, String secret) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
			.header("Authorization", Http.basic(clientId, secret)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=playback:mint")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	@Test
	void theDecisionsPageShowsRecentDenialsWithTheirReasonsPerPartnerAndRefreshesItself() throws Exception {
		String one = "dec-a-" + s;
		String two = "dec-b-" + s;
		String viewerName = "viewer-of-" + s;
		String userId = users.create(viewerName, "password-" + s, true, true).id();
		catalog.createVideo("dv-" + s, "Paid video");
		String password = partners.create(new PartnerRequest(one, "kinescope", "default", null, null, null, null, null, null,
				null, one, null, true, null, null)).callbackPassword();
		String other = partners.create(new PartnerRequest(two, "kinescope", "default", null, null, null, null, null, null,
				null, two, null, false, null, null)).callbackPassword();
		assertThat(kinescope(one, password, "dv-" + s, "not.a.token-" + s)).isEqualTo(403);
		assertThat(kinescope(one, password, "dv-" + s, viewerName)).isEqualTo(403);
		assertThat(kinescope(two, other, "dv-other-" + s, "not.a.token-" + s)).isEqualTo(403);
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/decisions");
			browser.assertCsrfOnEveryForm();
			expect(browser.at("#denials tr[data-partner='" + one + "'][data-reason=malformed-token]")).hasCount(1);
			expect(browser.at("#denials tr[data-partner='" + one + "'][data-reason=not-entitled]")).containsText(userId);
			expect(browser.at("#denials tr[data-partner='" + two + "']")).containsText("dv-other-" + s);
			assertThat(browser.page.content()).doesNotContain("not.a.token-" + s);
			browser.screenshot("decisions");
			browser.press("#denials tr[data-reason=not-entitled] a.why");
			expect(browser.at("#verdict")).containsText(viewerName + " may not watch dv-" + s + ": not-entitled");
			browser.go("/admin/decisions");
			browser.page.selectOption("#partner", one);
			browser.press("#filter button");
			browser.page.waitForURL(u -> u.contains("partner=" + one));
			expect(browser.at("#denials tr[data-partner='" + one + "']")).hasCount(2);
			expect(browser.at("#denials tr[data-partner='" + two + "']")).hasCount(0);
			assertThat(browser.page.request().get(browser.url("/admin/decisions?partner=" + one)).headers())
				.containsEntry("refresh", "10");
			assertThat(browser.page.request().get(browser.url("/admin/decisions?paused=true")).headers())
				.doesNotContainKey("refresh");
		}
		String viewer = ConsoleBrowser.newViewer(accounts);
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.signIn("/admin/decisions?partner=" + one, viewer, ConsoleBrowser.VIEWER_PASSWORD);
			expect(browser.at("#denials tr[data-partner='" + one + "']")).hasCount(2);
			assertThat(browser.post("/admin/partners/" + one + "/delete")).isEqualTo(403);
		}
	}

	private int kinescope(String user, String password, String video, String token) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/kinescope/authorize")).header("Authorization", Http.basic(user, password))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + video + "\",\"ip\":\"192.0.2.1\",\"type\":\"video\","
					+ "\"token\":\"" + token + "\",\"user_agent\":\"test\"}")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	/** The index of the set's timeline among the page's. */
	private static int sets(ConsoleBrowser browser, String set) {
		List<String> names = browser.at("svg.timeline").all().stream().map(l -> l.getAttribute("data-set")).toList();
		return names.indexOf(set);
	}

	@Test
	void theKeyTimelineZoomsToTheKeysDatesAndDrawsNoRotationForASetNeverRotated() {
		String set = "manual-" + s;
		rotation.createSet(set, List.of(KeyAlgorithm.RS256), false);
		clock.advance(Duration.ofMinutes(3));
		try (ConsoleBrowser browser = ConsoleBrowser.open(port)) {
			browser.asAdmin("/admin/keys");
			browser.assertCsrfOnEveryForm();
			expect(browser.at("p.rotation-due[data-set='" + set + "']")).containsText("Never rotated automatically");
			expect(browser.at("svg.timeline[data-set='" + set + "'] text:text('next rotation')")).hasCount(0);
			expect(browser.at("p.rotation-due[data-set=default]")).containsText("Next scheduled rotation");
			Locator legend = browser.at("p:has(span.axis-from)").nth(sets(browser, set));
			Duration shown = Duration.between(Instant.parse(legend.locator(".axis-from").textContent()),
					Instant.parse(legend.locator(".axis-to").textContent()));
			assertThat(shown).as("keys three minutes old: the axis spans minutes, not a month").isLessThan(Duration.ofHours(1));
			double width = Double.parseDouble(browser.at("svg.timeline[data-set='" + set + "'] rect").first()
				.getAttribute("width").replace("%", ""));
			assertThat(width).as("a key three minutes old spans the timeline, not a sliver").isGreaterThan(30);
			Object wraps = browser.page.evaluate("() => [...document.querySelectorAll('#all-keys td')]"
					+ ".filter(td => td.textContent.trim() && td.getClientRects()[0].height > 2 * parseFloat(getComputedStyle(td).lineHeight || '20')).length");
			assertThat(((Number) wraps).intValue()).as("no cell of All keys wraps its words").isZero();
			browser.screenshot("keys");
		}
	}
}
