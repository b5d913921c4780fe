package dev.ticketbooth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven by Playwright for Java. Playwright never downloads a
 * browser here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}); .ci/run installs the chromium package.
 */
public final class Chromium implements AutoCloseable {

	public static final Path EXECUTABLE = Path.of(System.getProperty("ticketbooth.test.chromium", "/usr/bin/chromium"));

	private final Playwright playwright;

	private final Browser browser;

	private Chromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	/** Skips the calling test, saying why, when Chromium is not installed (required in CI). */
	public static Chromium launch() {
		if (!Files.isExecutable(EXECUTABLE)) {
			if (Boolean.parseBoolean(System.getenv("TICKETBOOTH_REQUIRE_BROWSER"))) {
				throw new IllegalStateException("Chromium is required (TICKETBOOTH_REQUIRE_BROWSER) but " + EXECUTABLE + " is missing");
			}
			Assumptions.abort(EXECUTABLE + " is not installed (apt-get install chromium); .ci/run installs it");
		}
		Playwright playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
			.setHeadless(true)
			.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync")));
		return new Chromium(playwright, browser);
	}

	public Browser browser() {
		return browser;
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}
}
