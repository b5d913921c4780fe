package dev.ticketbooth.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem {@code code} the server's code can answer is in the README, so an integrator can
 * look each one up. Codes are found where the code makes them: the problem factories, problem
 * writers, PEM and key errors, Spring MVC's mapped errors and the decision reasons.
 */
class ErrorCodesDocTests {

	private static final List<Pattern> MADE = List.of(
			Pattern.compile("(?:badRequest|notFound|conflict|problem)\\(\\s*\"([a-z0-9]+(?:-[a-z0-9]+)*)\""),
			Pattern.compile("(?:PemException|KeyFormatException)\\(\\s*\"([a-z0-9]+(?:-[a-z0-9]+)*)\""),
			Pattern.compile("HttpStatus\\.[A-Z_]+,\\s*\"([a-z0-9]+(?:-[a-z0-9]+)*)\""),
			Pattern.compile("return \"([a-z0-9]+(?:-[a-z0-9]+)+)\";"),
			Pattern.compile("static final String (?:CODE|[A-Z_]+) = \"([a-z0-9]+(?:-[a-z0-9]+)+)\";"));

	/** Files whose string constants are codes (decision reasons, entitlement reasons, problem codes). */
	private static final Set<String> CODE_FILES = Set.of("Reason.java", "Access.java", "Problems.java",
			"RequestTooLargeException.java");

	@Test
	void everyErrorCodeIsInTheReadme() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		Set<String> codes = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				for (int i = 0; i < MADE.size(); i++) {
					if (i == 4 && !CODE_FILES.contains(file.getFileName().toString())) {
						continue;
					}
					Matcher matcher = MADE.get(i).matcher(source);
					while (matcher.find()) {
						codes.add(matcher.group(1));
					}
				}
			}
		}
		assertThat(codes).as("codes found in the source").contains("invalid-field", "duplicate-field", "not-entitled",
				"unknown-key", "malformed-pem", "request-too-large", "unsupported-media-type");
		assertThat(codes).filteredOn(code -> !readme.contains("`" + code + "`")).as("codes missing from README.md")
			.isEmpty();
	}
}
