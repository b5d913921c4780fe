package dev.ticketbooth.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.ticketbooth.Chromium;
import dev.ticketbooth.TicketboothServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One operator at the console in Chromium: signs in with the keyboard, checks that every form
 * carries its CSRF token, tries a POST as a VIEWER, and, when asked with
 * {@code -Dticketbooth.console.screenshots=docs/console}, photographs pages: that is how
 * docs/console.md's pictures are made.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final String VIEWER_PASSWORD = "viewer-password-123";

	private final Chromium chromium;

	private final int port;

	final Page page;

	private ConsoleBrowser(Chromium chromium, int port) {
		this.chromium = chromium;
		this.port = port;
		this.page = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
	}

	static ConsoleBrowser open(int port) {
		return new ConsoleBrowser(Chromium.launch(), port);
	}

	/** A new VIEWER operator's name. */
	static String newViewer(AdminAccounts accounts) {
		String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
		accounts.create(viewer, VIEWER_PASSWORD, AdminAccounts.VIEWER);
		return viewer;
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	/** Opens {@code path}, signs in on the page it is sent to (typing, then Enter) and lands on it. */
	ConsoleBrowser signIn(String path, String name, String password) {
		page.navigate(url(path));
		page.waitForURL(u -> u.endsWith("/admin/login"));
		page.fill("#username", name);
		page.keyboard().press("Tab");
		page.keyboard().type(password);
		page.keyboard().press("Enter");
		page.waitForURL(u -> !u.endsWith("/admin/login"));
		return this;
	}

	ConsoleBrowser asAdmin(String path) {
		return signIn(path, "admin", TicketboothServerTest.ADMIN_PASSWORD);
	}

	ConsoleBrowser go(String path) {
		page.navigate(url(path));
		return this;
	}

	Locator at(String selector) {
		return page.locator(selector);
	}

	static LocatorAssertions expect(Locator locator) {
		return PlaywrightAssertions.assertThat(locator);
	}

	/** Types into a field and presses Enter, as an operator submits a form without the mouse. */
	void submit(String field, String value) {
		page.fill(field, value);
		page.press(field, "Enter");
	}

	/** Moves the keyboard focus to the element and presses Enter (a link or a button). */
	void press(String selector) {
		page.focus(selector);
		page.keyboard().press("Enter");
	}

	/** Every POST form on the page carries a CSRF token. */
	void assertCsrfOnEveryForm() {
		Locator forms = page.locator("form[method=post]");
		assertThat(forms.count()).isPositive();
		for (int i = 0; i < forms.count(); i++) {
			assertThat(forms.nth(i).locator("input[name=_csrf]").count()).as("CSRF token in form %d of %s", i, page.url())
				.isEqualTo(1);
		}
	}

	/** A POST with this session and its valid CSRF token (from the sign-out form); the status. */
	int post(String path, String... fields) {
		String csrf = page.locator("nav input[name=_csrf]").getAttribute("value");
		FormData form = FormData.create().set("_csrf", csrf);
		for (int i = 0; i + 1 < fields.length; i += 2) {
			form.set(fields[i], fields[i + 1]);
		}
		return page.request().post(url(path), RequestOptions.create().setForm(form).setMaxRedirects(0)).status();
	}

	/** A full-page screenshot as {@code name}.png, only when asked ({@code -Dticketbooth.console.screenshots=docs/console}): a full-page PNG costs the suite time. */
	void screenshot(String name) {
		String docs = System.getProperty("ticketbooth.console.screenshots");
		if (docs == null || docs.isBlank()) {
			return;
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(docs, name + ".png")).setFullPage(true));
	}

	@Override
	public void close() {
		chromium.close();
	}
}
