package dev.ticketbooth.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketbooth.TicketboothApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is executable documentation: its {@code sh} blocks run in order, in one bash
 * session, against a fresh demo server, as a newcomer would paste them. A block fails the build when
 * a command fails, or when an HTTP answer is 4xx/5xx that the block does not announce with an
 * arrow comment ({@code # → 409 ...}). Blocks that start servers or call other companies' APIs are
 * fenced {@code sh no-run}; they are shown, not run.
 */
class ReadmeWalkthroughTests {

	static final String PASSWORD = "walkthrough-admin-password";

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```sh(.*)$");

	private static final Pattern ANNOUNCED = Pattern.compile("→ ([45]\\d\\d)\\b");

	private static final Pattern MARK = Pattern.compile("^::(block|status) (\\d+)$");

	record Block(int line, String script, List<Integer> announced) {
	}

	@TempDir
	Path home;

	@TempDir
	Path work;

	@Test
	void theReadmesShellBlocksRunInOrderAgainstAFreshDemoServer() throws Exception {
		boolean required = "true".equals(System.getenv("TICKETBOOTH_REQUIRE_SHELL_TOOLS"));
		for (String tool : List.of("bash", "curl", "jq", "openssl")) {
			boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
			if (required) {
				assertThat(present).as(tool + " is installed (.ci/run installs it)").isTrue();
			}
			Assumptions.assumeTrue(present, tool + " is not installed; the README walkthrough needs it");
		}
		List<Block> blocks = blocks(Files.readString(Path.of("README.md")));
		assertThat(blocks).as("runnable sh blocks in README.md").hasSizeGreaterThan(10);
		Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
		try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TicketboothApplication.class)
			.profiles("demo")
			.run("--server.port=0", "--ticketbooth.home=" + home, "--ticketbooth.admin-password=" + PASSWORD,
					"--spring.datasource.url=jdbc:h2:file:" + home + "/data/ticketbooth;QUERY_CACHE_SIZE=256")) {
			int port = ((WebServerApplicationContext) server).getWebServer().getPort();
			Outcome outcome = run(script(blocks, port), port);
			// the whole session, for whoever fixes a block
			Files.writeString(Path.of("target/readme-walkthrough.log"), outcome.output());
			assertThat(outcome.statuses().values().stream().mapToInt(List::size).sum())
				.as("HTTP requests the walkthrough made").isGreaterThan(40);
			for (int i = 0; i < blocks.size(); i++) {
				Block block = blocks.get(i);
				List<Integer> failures = outcome.statuses().getOrDefault(i, List.of()).stream().filter(s -> s >= 400)
					.toList();
				assertThat(outcome.reached()).as("README.md line %d: the block ran to its end (target/readme-walkthrough.log; "
						+ "its end:%n%s)", block.line(), tail(outcome.output()))
					.isGreaterThan(i);
				assertThat(failures).as("README.md line %d: HTTP errors, against those announced with → "
						+ "(target/readme-walkthrough.log)", block.line())
					.containsExactlyInAnyOrderElementsOf(block.announced());
			}
			assertThat(outcome.exit()).as(tail(outcome.output())).isZero();
		}
	}

	private static String tail(String output) {
		return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
	}

	static List<Block> blocks(String readme) {
		List<Block> blocks = new ArrayList<>();
		String[] lines = readme.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			Matcher fence = FENCE.matcher(lines[i]);
			if (!fence.matches()) {
				continue;
			}
			int start = i + 1;
			StringBuilder script = new StringBuilder();
			String indent = fence.group(1);
			for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
				script.append(lines[i].startsWith(indent) ? lines[i].substring(indent.length()) : lines[i]).append('\n');
			}
			if (fence.group(2).contains("no-run")) {
				continue;
			}
			List<Integer> announced = new ArrayList<>();
			Matcher arrow = ANNOUNCED.matcher(script);
			while (arrow.find()) {
				announced.add(Integer.valueOf(arrow.group(1)));
			}
			blocks.add(new Block(start, script.toString(), announced));
		}
		return blocks;
	}

	/**
	 * One bash script: each block after a marker, curl reporting every status on stderr, and the
	 * README's {@code localhost:8080} pointed at the test server's port.
	 */
	private static String script(List<Block> blocks, int port) {
		StringBuilder script = new StringBuilder("""
				set -euo pipefail
				curl() { command curl -w '%{stderr}\\n::status %{http_code}\\n' "$@"; }
				""");
		for (int i = 0; i < blocks.size(); i++) {
			script.append("echo '::block ").append(i).append("' >&2\n")
				.append(blocks.get(i).script().replace("localhost:8080", "localhost:" + port)).append('\n');
		}
		script.append("echo '::block ").append(blocks.size()).append("' >&2\n");
		return script.toString();
	}

	record Outcome(int exit, int reached, Map<Integer, List<Integer>> statuses, String output) {
	}

	private Outcome run(String script, int port) throws IOException, InterruptedException {
		Path file = work.resolve("walkthrough.sh");
		Files.writeString(file, script);
		ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
			.redirectErrorStream(true);
		builder.environment().put("TICKETBOOTH_ADMIN_PASSWORD", PASSWORD);
		Process process = builder.start();
		byte[] bytes = process.getInputStream().readAllBytes();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		String output = new String(bytes, StandardCharsets.UTF_8);
		int block = -1;
		Map<Integer, List<Integer>> statuses = new java.util.HashMap<>();
		for (String line : output.lines().toList()) {
			Matcher mark = MARK.matcher(line.strip());
			if (mark.matches() && mark.group(1).equals("block")) {
				block = Integer.parseInt(mark.group(2));
			}
			else if (mark.matches()) {
				statuses.computeIfAbsent(block, b -> new ArrayList<>()).add(Integer.valueOf(mark.group(2)));
			}
		}
		return new Outcome(process.exitValue(), block, statuses, output.replace("localhost:" + port, "localhost:8080"));
	}
}
