package dev.ticketbooth.admin;

import java.nio.file.Path;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.ticketbooth.Chromium;
import dev.ticketbooth.TicketboothServerTest;
import dev.ticketbooth.keys.KeyAlgorithm;
import dev.ticketbooth.keys.KeyRing;
import dev.ticketbooth.keys.KeySet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator console in Debian's Chromium: an admin rotates through it; a viewer cannot. */
@TicketboothServerTest
class ConsoleBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyRing ring;

	@Autowired
	AdminAccounts accounts;

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	void signIn(Page page, String name, String password) {
		page.navigate(url("/admin/keys"));
		page.waitForURL(u -> u.endsWith("/admin/login"));
		page.fill("#username", name);
		page.fill("#password", password);
		page.click("button[type=submit]");
		page.waitForURL(u -> u.endsWith("/admin/keys"));
	}

	@Test
	void anAdminRotatesThroughTheConsoleAndSeesTheTimelineChange() {
		String before = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
		try (Chromium chromium = Chromium.launch()) {
			Page page = chromium.browser().newPage(new com.microsoft.playwright.Browser.NewPageOptions().setViewportSize(1280, 900));
			signIn(page, "admin", dev.ticketbooth.TicketboothServerTest.ADMIN_PASSWORD);
			Locator timeline = page.locator("svg.timeline[data-set=default]");
			assertThat(timeline.locator("text[data-kid='" + before + "']").textContent()).contains("ACTIVE");

			page.click("#rotate");
			assertThat(page.locator("h1").textContent()).isEqualTo("Rotate key set default");
			page.check("input[name=force]");
			page.click("#confirm");
			page.waitForURL(u -> u.endsWith("/admin/keys"));
			assertThat(page.locator("[role=status]").textContent()).contains("Rotated key set 'default'");

			String after = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
			assertThat(after).isNotEqualTo(before);
			assertThat(timeline.locator("text[data-kid='" + before + "']").textContent()).contains("RETIRED");
			assertThat(timeline.locator("text[data-kid='" + after + "']").textContent()).contains("ACTIVE");
			assertThat(timeline.locator("rect[data-state=RETIRED]").count()).isPositive();
			timeline.screenshot(new Locator.ScreenshotOptions().setPath(Path.of("target/key-timeline.png")));
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console-keys.png")).setFullPage(true));

			page.navigate(url("/admin/audit"));
			assertThat(page.locator("table").textContent()).contains("key.promoted", "POST /admin/keys/rotate");
		}
	}

	@Test
	void aViewerSeesTheConsoleButCannotRotate() {
		String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
		accounts.create(viewer, "viewer-password-123", AdminAccounts.VIEWER);
		String before = ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid();
		try (Chromium chromium = Chromium.launch()) {
			Page page = chromium.browser().newPage();
			signIn(page, viewer, "viewer-password-123");
			assertThat(page.locator("svg.timeline").count()).isPositive();
			assertThat(page.locator("#rotate").count()).isZero();
			assertThat(page.locator("text=Revoke…").count()).isZero();

			page.navigate(url("/admin/keys/rotate?set=default"));
			Response refused = page.waitForResponse(r -> r.url().endsWith("/admin/keys/rotate"), () -> page.click("#confirm"));
			assertThat(refused.status()).isEqualTo(403);
			assertThat(ring.active(KeySet.DEFAULT, KeyAlgorithm.RS256).kid()).isEqualTo(before);

			page.navigate(url("/admin/users?q=nobody"));
			assertThat(page.locator("text=No such user.").count()).isEqualTo(1);
		}
	}
}
